import { describe, expect, it } from 'vitest';
import { nextTick, ref } from 'vue';
import { useTable } from './table';

const rows = ref(
  Array.from({ length: 25 }, (_, i) => ({ name: `plugin-${i}`, n: i, nested: { v: 25 - i } })),
);

describe('useTable', () => {
  it('pages the rows', () => {
    const t = useTable(rows, { searchText: (r) => r.name });
    expect(t.rows.value).toHaveLength(10);
    t.page.value = 3;
    expect(t.rows.value.map((r) => r.n)).toEqual([20, 21, 22, 23, 24]);
  });
  it('searches, going back to the first page', async () => {
    const t = useTable(rows, { searchText: (r) => r.name });
    t.page.value = 2;
    t.query.value = 'PLUGIN-1';
    await nextTick();
    expect(t.page.value).toBe(1);
    expect(t.total.value).toBe(11); // 1, 10..19
  });
  it('sorts by a nested property, numerically, both ways', () => {
    const t = useTable(rows, { searchText: (r) => r.name });
    t.onSortChange({ prop: 'nested.v', order: 'ascending' });
    expect(t.rows.value[0]!.n).toBe(24);
    t.onSortChange({ prop: 'name', order: 'descending' });
    expect(t.rows.value[0]!.name).toBe('plugin-24');
  });
  it('steps back when the last page empties', async () => {
    const list = ref([...rows.value]);
    const t = useTable(list, { searchText: (r) => r.name });
    t.page.value = 3;
    list.value = list.value.slice(0, 15);
    await nextTick();
    expect(t.page.value).toBe(2);
  });
});

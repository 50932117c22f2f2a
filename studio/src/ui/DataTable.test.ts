import { flushPromises, mount } from '@vue/test-utils';
import { ElSelect, ElTableColumn } from 'element-plus';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { createStudioI18n } from '../i18n';
import DataTable from './DataTable.vue';

interface Row {
  id: string;
  name: string;
}
const many: Row[] = Array.from({ length: 25 }, (_, i) => ({ id: `r${i}`, name: `插件 ${i}` }));

function host(rows: Row[], extra: Record<string, unknown> = {}) {
  const list = ref(rows);
  const wrapper = mount(
    defineComponent(
      () => () =>
        h(
          DataTable<Row>,
          {
            rows: list.value,
            searchText: (r: Row) => r.name,
            emptyText: '还没有插件',
            rowKey: 'id',
            searchTestid: 'search',
            ...extra,
          },
          {
            default: () => h(ElTableColumn, { prop: 'name', label: '名称' }),
            empty: () => h('button', { class: 'start' }, '开始'),
          },
        ),
    ),
    { global: { plugins: [createStudioI18n('zh-CN')] }, attachTo: document.body },
  );
  return { wrapper, list };
}

describe('DataTable, the list screens’ one table', () => {
  it('pages the rows, searches them, and counts what matches', async () => {
    const { wrapper } = host(many);
    await flushPromises();
    expect(wrapper.text()).toContain('共 25 条');
    expect(wrapper.text()).toContain('插件 9');
    expect(wrapper.text()).not.toContain('插件 10');
    await wrapper.get('[data-testid="search"]').setValue('插件 2');
    await flushPromises();
    expect(wrapper.text()).toContain('共 6 条'); // 2 and 20–24
    expect(wrapper.text()).toContain('插件 24');
  });

  it('says what to do when there is nothing yet, without a search box', async () => {
    const { wrapper } = host([]);
    await flushPromises();
    expect(wrapper.get('[data-testid="empty-state"]').text()).toContain('还没有插件');
    expect(wrapper.find('button.start').exists()).toBe(true);
    expect(wrapper.find('[data-testid="search"]').exists()).toBe(false);
  });

  it('lets the reader choose a larger page, back on the first page', async () => {
    const { wrapper } = host(many, { pageSizes: [10, 50] });
    await flushPromises();
    expect(wrapper.text()).not.toContain('插件 10');
    const sizes = wrapper.getComponent(ElSelect);
    expect(sizes.attributes('aria-label') ?? sizes.find('input').attributes('aria-label')).toBe(
      '每页条数',
    );
    sizes.vm.$emit('update:modelValue', 50);
    await flushPromises();
    expect(wrapper.text()).toContain('插件 24');
    expect(wrapper.find('.el-pagination').exists()).toBe(false);
  });
});

import { computed, ref, watch, type Ref } from 'vue';

export type SortOrder = 'ascending' | 'descending' | null;

export interface TableOptions<T> {
  /** Text the search box matches, per row (lower-cased here). */
  searchText: (row: T) => string;
  pageSize?: number;
  /** Initial sort. */
  sort?: { prop: string; order: SortOrder };
  /** The search text, when the caller owns it. */
  query?: Ref<string>;
}

function read(row: unknown, prop: string): unknown {
  return prop.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | null)?.[k], row);
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1;
  if (b === undefined || b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'zh-CN', { numeric: true });
}

/**
 * Search, sort and paging over rows already in memory, behind DataTable (every list screen), so
 * the three behave the same everywhere. Searching or re-sorting goes back to the first page.
 */
export function useTable<T>(rows: Ref<readonly T[]>, options: TableOptions<T>) {
  const query = options.query ?? ref('');
  const sort = ref<{ prop: string; order: SortOrder }>(options.sort ?? { prop: '', order: null });
  const page = ref(1);
  const pageSize = ref(options.pageSize ?? 10);

  const filtered = computed(() => {
    const q = query.value.trim().toLowerCase();
    const hits = q
      ? rows.value.filter((r) => options.searchText(r).toLowerCase().includes(q))
      : [...rows.value];
    const { prop, order } = sort.value;
    if (prop && order) {
      const sign = order === 'ascending' ? 1 : -1;
      hits.sort((a, b) => sign * compare(read(a, prop), read(b, prop)));
    }
    return hits;
  });
  const total = computed(() => filtered.value.length);
  const pageRows = computed(() => {
    const start = (page.value - 1) * pageSize.value;
    return filtered.value.slice(start, start + pageSize.value);
  });

  watch([query, sort, pageSize], () => (page.value = 1));
  // A shrinking list (after a delete) must not leave the table on a page that no longer exists.
  watch(total, (n) => {
    const last = Math.max(1, Math.ceil(n / pageSize.value));
    if (page.value > last) page.value = last;
  });

  /** Wire to ElTable's `sort-change`. */
  function onSortChange(e: { prop: string | null; order: SortOrder }) {
    sort.value = { prop: e.prop ?? '', order: e.order };
  }

  return { query, sort, page, pageSize, total, rows: pageRows, filtered, onSortChange };
}

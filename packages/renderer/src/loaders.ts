import { onMounted, ref, shallowRef, watch, type WatchSource } from 'vue';
import type { Page } from './data-source';
import { actionRevision } from './use-action';

/**
 * Runs `fn` once for every burst of calls within one tick: an action both asks its own list
 * to refresh and bumps `actionRevision`, and the list should load once, not twice.
 */
function coalesced(fn: () => Promise<void>): () => Promise<void> {
  let queued: Promise<void> | undefined;
  return () =>
    (queued ??= Promise.resolve().then(() => {
      queued = undefined;
      return fn();
    }));
}

/** One request's state, reloadable; re-runs when `deps` change. */
export function useLoader<T>(load: () => Promise<T>, deps?: WatchSource) {
  const data = shallowRef<T>();
  const error = shallowRef<unknown>();
  // Loading from the start: the first load runs on mount, and a page drawn before it (on the
  // server, or the first frame) shows "loading", never "nothing here".
  const loading = ref(true);
  let generation = 0;
  const reload = coalesced(async () => {
    const mine = ++generation;
    loading.value = true;
    error.value = undefined;
    try {
      const value = await load();
      if (mine === generation) data.value = value;
    } catch (err) {
      if (mine === generation) error.value = err;
    } finally {
      if (mine === generation) loading.value = false;
    }
  });
  onMounted(reload);
  if (deps) watch(deps, reload);
  return { data, error, loading, reload };
}

/**
 * Cursor pagination: the first page on mount and on refresh, the next pages on demand. The first
 * page loads again after any action on the page (a form beside the list wrote to it).
 */
export function usePagedLoader<T>(load: (cursor?: string) => Promise<Page<T>>, deps?: WatchSource) {
  const items = shallowRef<T[]>([]);
  const error = shallowRef<unknown>();
  // As in useLoader: the first page is on its way from the first frame.
  const loading = ref(true);
  const refreshing = ref(false);
  const done = ref(false);
  let cursor: string | undefined;
  let generation = 0;
  let failedFirst = false;

  const fetchPage = async (first: boolean) => {
    if (loading.value && !first) return;
    const mine = first ? ++generation : generation;
    loading.value = true;
    error.value = undefined;
    try {
      const page = await load(first ? undefined : cursor);
      if (mine !== generation) return;
      items.value = first ? page.items : [...items.value, ...page.items];
      cursor = page.nextCursor ?? undefined;
      done.value = !page.nextCursor;
    } catch (err) {
      if (mine === generation) {
        error.value = err;
        failedFirst = first;
      }
    } finally {
      if (mine === generation) loading.value = false;
    }
  };
  const refresh = coalesced(async () => {
    refreshing.value = true;
    try {
      await fetchPage(true);
    } finally {
      refreshing.value = false;
    }
  });
  const more = () => (done.value || error.value ? Promise.resolve() : fetchPage(false));
  /** Repeats whatever failed: the first page or the next one. */
  const retry = () => (failedFirst ? refresh() : fetchPage(false));
  onMounted(() => fetchPage(true));
  if (deps) watch(deps, () => fetchPage(true));
  watch(actionRevision, () => void refresh());
  return { items, error, loading, refreshing, done, refresh, more, retry };
}

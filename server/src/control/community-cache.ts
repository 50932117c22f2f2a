/**
 * Values loaded per community and kept until told that the community changed (the change feed,
 * events/feed.ts, tells every process). Holds the loading promise, so requests that miss
 * together share one load; a load that fails is forgotten. Forgetting a community drops its whole
 * map, so a load still in flight then lands in a map nobody reads: nothing stale is kept.
 */
export class CommunityCache<V> {
  private readonly entries = new Map<string, Map<string, Promise<V>>>();
  /** What each held promise resolved to, once it has (see `peek`). */
  private readonly settled = new WeakMap<Promise<V>, V>();

  /** `maxCommunities` bounds memory; past it the community cached longest ago is dropped. */
  constructor(private readonly maxCommunities = 10_000) {}

  get(communityId: string, key: string, load: () => Promise<V>): Promise<V> {
    const values = this.valuesOf(communityId);
    const hit = values.get(key);
    if (hit) return hit;
    const loading = load();
    values.set(key, loading);
    const mine = values;
    loading.then(
      (value) => this.settled.set(loading, value),
      () => {
        if (mine.get(key) === loading) mine.delete(key);
      },
    );
    return loading;
  }

  /**
   * The value held, if its load has finished; undefined while it loads or when none is held.
   * Lets a hot path answer in the request's own turn instead of waiting on a promise.
   */
  peek(communityId: string, key: string): V | undefined {
    const hit = this.entries.get(communityId)?.get(key);
    return hit && this.settled.get(hit);
  }

  /** Stores a value known to be current (one this process has just written). */
  set(communityId: string, key: string, value: V): void {
    const held = Promise.resolve(value);
    this.settled.set(held, value);
    this.valuesOf(communityId).set(key, held);
  }

  private valuesOf(communityId: string): Map<string, Promise<V>> {
    let values = this.entries.get(communityId);
    if (!values) {
      if (this.entries.size >= this.maxCommunities)
        this.entries.delete(this.entries.keys().next().value!);
      values = new Map();
      this.entries.set(communityId, values);
    }
    return values;
  }

  /** Forgets one community, or every community (`undefined`). */
  forget(communityId: string | undefined): void {
    if (communityId === undefined) this.entries.clear();
    else this.entries.delete(communityId);
  }
}

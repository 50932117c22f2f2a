import type { CollectionDef } from '@scene/schema';
import { recordsOf, type PluginContext } from '../records/context';
import { changeKeyId, changesAfter, headOf, sawHead } from '../records/changes';
import type { Filter } from '../records/filter';
import { mayRead } from '../records/read';
import type { DataPlaneDeps, StoredRecord } from '../records/types';
import { afterCursor, type SortKey } from './cursor';
import { compareSortValues, matchesMongo, sortValue } from './mongo-order';
import { numberedIdsOf } from '../actions/numbering';
import { learn, numberOf, probeNumbers, stateAfterLoad, type NumberState } from './number-probe';
import { WITHOUT_CARRIED } from '../notifications/carried';

/**
 * List reads answered from memory. The local database decodes every record of a collection, of
 * every community, for any filter but `{_id}`; so a process keeps each community's records of a
 * collection it lists (when there are at most `maxRecords` of them), and before each list read
 * reads the key's next change claim by `_id` (a miss: nothing changed) and re-reads by `_id` just
 * the records that changed (records/changes.ts); in a numbered collection it also reads the next
 * record numbers by `_id`, since most creates there write no note (number-probe.ts). Filtering (access rules, the query's `where`, client filters), sorting
 * and paging then happen here with the database's semantics (mongo-order.ts): the answers are
 * the database path's, which a randomised test checks against the database itself.
 */
export interface ListCacheOptions {
  /** A community's collection with more records than this is listed by the database. */
  maxRecords: number;
  /** Records held by the process in all, over every entry (least recently used go first). */
  budget: number;
  /** An entry older than this is reloaded whole (a safety net; the change log misses nothing). */
  maxAgeMs: number;
}

export function listCacheOptions(env: NodeJS.ProcessEnv = process.env): ListCacheOptions {
  const num = (name: string, fallback: number) => {
    const n = Number(env[name]);
    return env[name] !== undefined && Number.isFinite(n) && n >= 0 ? n : fallback;
  };
  return {
    maxRecords: num('LIST_CACHE_MAX_RECORDS', 5_000),
    budget: num('LIST_CACHE_BUDGET', 50_000),
    maxAgeMs: num('LIST_CACHE_MAX_AGE_MS', 60_000),
  };
}

/** A collection found too large is looked at again after this long. */
const TOO_BIG_RECHECK_MS = 5 * 60_000;
/** More changed ids than this since the last read: reload rather than read them one by one. */
const MAX_REREADS = 64;
/** More changes than this since the last read: reload rather than read their claims. */
const MAX_CHANGES = 32;

interface Entry {
  records: Map<string, StoredRecord>;
  v: number;
  loadedAt: number;
  tooBig: boolean;
  /** Where this community's numbered records stand, in a numbered collection. */
  num?: NumberState;
  running?: Promise<void>;
  queued?: Promise<void>;
}

export class ListCache {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly options: ListCacheOptions) {}

  /** Records held now (for the bench's memory figure and tests). */
  size(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.records.size;
    return n;
  }

  /**
   * The first `limit + 1` records the caller may read (narrowed by `extra`), after `cursor`, in
   * the sort's order; undefined when this collection of the community is listed by the database.
   */
  async page(
    ctx: PluginContext,
    collection: string,
    def: CollectionDef,
    extra: Filter | undefined,
    sort: { keys: SortKey[]; idDir: 1 | -1 },
    cursor: { values: (string | number | boolean | null)[]; id: string } | undefined,
    limit: number,
  ): Promise<StoredRecord[] | undefined> {
    if (this.options.maxRecords <= 0) return undefined;
    const key = changeKeyId({
      communityId: ctx.communityId,
      pluginId: ctx.plugin.pluginId,
      collection,
    });
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { records: new Map(), v: -1, loadedAt: 0, tooBig: false };
      this.entries.set(key, entry);
    }
    await this.sync(entry, () => this.refresh(ctx, collection, key, entry!));
    // Most recently used last: the budget evicts from the front.
    this.entries.delete(key);
    this.entries.set(key, entry);
    // Evicted meanwhile (the budget is smaller than this one collection): the database answers.
    if (entry.tooBig || entry.v < 0) return undefined;
    // From here on nothing awaits: the page is cut from one state of the entry.
    const after = cursor && afterCursor(sort.keys, sort.idDir, cursor);
    const rows: StoredRecord[] = [];
    for (const doc of entry.records.values())
      if (mayRead(ctx, def, doc, extra) && (!after || matchesMongo(after, doc))) rows.push(doc);
    const values = new Map(
      rows.map((d) => [d, sort.keys.map((k) => sortValue(d, k.field, k.dir))] as const),
    );
    rows.sort((a, b) => {
      const va = values.get(a)!;
      const vb = values.get(b)!;
      for (let i = 0; i < sort.keys.length; i++) {
        const c = compareSortValues(va[i], vb[i]);
        if (c !== 0) return c * sort.keys[i]!.dir;
      }
      return (a._id < b._id ? -1 : a._id > b._id ? 1 : 0) * sort.idDir;
    });
    // Copies: what the caller does with its page never reaches the cache.
    return structuredClone(rows.slice(0, limit + 1));
  }

  /**
   * Runs `refresh` so that it starts after this call: a refresh already under way may have read
   * the change log before a write that the caller has seen answered, so callers arriving
   * meanwhile share the next one instead.
   */
  private sync(entry: Entry, refresh: () => Promise<void>): Promise<void> {
    if (entry.queued) return entry.queued;
    const start = () => {
      entry.queued = undefined;
      const run = refresh().finally(() => {
        if (entry.running === run) entry.running = undefined;
      });
      entry.running = run;
      return run;
    };
    if (!entry.running) return start();
    entry.queued = entry.running.catch(() => undefined).then(start);
    return entry.queued;
  }

  private async refresh(
    ctx: PluginContext,
    collection: string,
    key: string,
    entry: Entry,
  ): Promise<void> {
    const age = Date.now() - entry.loadedAt;
    if (entry.tooBig && age < TOO_BIG_RECHECK_MS) return;
    const reload = async () => this.load(ctx, collection, entry, await headOf(ctx.db, key));
    if (entry.v < 0 || entry.tooBig || age > this.options.maxAgeMs) return reload();
    const notes = await changesAfter(ctx.db, key, entry.v, MAX_CHANGES);
    if (notes.length > MAX_CHANGES || notes.some((n) => n.all)) return reload();
    const v = entry.v + notes.length;
    sawHead(ctx.db, key, v);
    const ids = new Set(notes.flatMap((n) => n.ids ?? []));
    if (ids.size > MAX_REREADS) return reload();
    const records = recordsOf(ctx, collection);
    const fresh = await Promise.all(
      [...ids].map((id) => records.findOne({ _id: id }, WITHOUT_CARRIED)),
    );
    const nums = notes.flatMap((n) => n.nums ?? []);
    let i = 0;
    for (const id of ids) {
      const now = fresh[i++];
      if (now && now.communityId === ctx.communityId) entry.records.set(id, now);
      else entry.records.delete(id);
      const n = numberOf(now);
      if (n !== undefined) nums.push(n);
    }
    entry.v = v;
    if (!(await this.followNumbers(ctx, collection, entry, nums))) return reload();
    if (entry.records.size > this.options.maxRecords) this.drop(entry, true);
    this.evict();
  }

  /**
   * Learns of the numbers the notes named, then reads the numbers that may have been created
   * since without a note. False when the entry should be reloaded instead.
   */
  private async followNumbers(
    ctx: PluginContext,
    collection: string,
    entry: Entry,
    nums: number[],
  ): Promise<boolean> {
    if (!entry.num && nums.length) {
      // Numbered since this entry was loaded: its numbers start at the first.
      const numbering = await numberedIdsOf(ctx, collection);
      if (numbering) entry.num = { ids: numbering.ids, top: 0, pending: new Map() };
    }
    if (!entry.num) return true;
    const now = Date.now();
    for (const n of nums) learn(entry.num, entry.records, n, now);
    return probeNumbers(ctx, collection, entry.num, entry.records);
  }

  /** Reads the community's records of the collection whole; `v` was found before, so none is missed. */
  private async load(
    ctx: PluginContext,
    collection: string,
    entry: Entry,
    v: number,
  ): Promise<void> {
    const max = this.options.maxRecords;
    const rows = await recordsOf(ctx, collection)
      .find({ communityId: ctx.communityId }, { ...WITHOUT_CARRIED, limit: max + 1 })
      .toArray();
    this.drop(entry, rows.length > max);
    entry.loadedAt = Date.now();
    entry.v = v;
    if (entry.tooBig) return;
    for (const r of rows) entry.records.set(r._id, r);
    const numbering = await numberedIdsOf(ctx, collection);
    if (numbering) entry.num = stateAfterLoad(numbering.ids, numbering.floor, entry.records);
    this.evict();
  }

  private drop(entry: Entry, tooBig: boolean): void {
    entry.records = new Map();
    entry.num = undefined;
    entry.tooBig = tooBig;
  }

  /** Least recently used entries go until the process holds at most `budget` records. */
  private evict(): void {
    let held = this.size();
    for (const [key, entry] of this.entries) {
      if (held <= this.options.budget) return;
      held -= entry.records.size;
      this.drop(entry, false);
      entry.v = -1;
      this.entries.delete(key);
    }
  }
}

const caches = new WeakMap<DataPlaneDeps, ListCache>();

/** The list cache of a data plane (one per server process; tests build several on one database). */
export function listCacheOf(deps: DataPlaneDeps): ListCache {
  let cache = caches.get(deps);
  if (!cache) {
    cache = new ListCache(deps.listCache ?? listCacheOptions());
    caches.set(deps, cache);
  }
  return cache;
}

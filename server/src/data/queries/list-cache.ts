import type { CollectionDef } from '@scene/schema';
import { recordsOf, type PluginContext } from '../records/context';
import { changeKeyId, changesAfter, headOf, sawHead } from '../records/changes';
import type { Filter } from '../records/filter';
import { readTest } from '../records/read';
import type { DataPlaneDeps, StoredRecord } from '../records/types';
import { afterCursor } from './cursor';
import { matchesMongo } from './mongo-order';
import { keyedBy, orderOf, type PageSort } from './sorted-view';
import { numberedIdsOf } from '../actions/numbering';
import { learn, numberOf, probeNumbers, stateAfterLoad, type NumberState } from './number-probe';
import { WITHOUT_CARRIED } from '../notifications/carried';
import { AuthoredRecords, candidates } from './by-author';
import { firstInOrder } from './first-in-order';
import { listCacheOptions, type ListCacheOptions } from './list-cache-options';

/**
 * List and count reads answered from memory. The local database decodes every record of a
 * collection, of every community, for any filter but `{_id}`; so a process keeps each
 * community's records of a collection it lists (when there are at most `maxRecords` of them),
 * and before each read reads the key's next change claim by `_id` (a miss: nothing changed) and
 * re-reads by `_id` just the records that changed (records/changes.ts); in a numbered collection
 * it also reads the next record numbers by `_id`, since most creates there write no note
 * (number-probe.ts). Filtering (access rules, the query's `where`, client filters), sorting and
 * paging then happen here with the database's semantics (mongo-order.ts): the answers are the
 * database path's, which a randomised test checks against the database itself. A read whose
 * filter pins `createdBy` to one account looks only at that account's records (by-author.ts);
 * another list page reads the records kept in its order and stops after its last row
 * (sorted-view.ts). A reader waits a moment at most for a whole read: past it the database
 * answers too, and the first answer is taken (`coldWaitMs`).
 */
/** A collection found too large is looked at again after this long. */
const TOO_BIG_RECHECK_MS = 5 * 60_000;
/** More changed ids than this since the last read: reload rather than read them one by one. */
const MAX_REREADS = 64;
/** More changes than this since the last read: reload rather than read their claims. */
const MAX_CHANGES = 32;

interface Entry {
  records: AuthoredRecords;
  v: number;
  loadedAt: number;
  tooBig: boolean;
  /** Where this community's numbered records stand, in a numbered collection. */
  num?: NumberState;
  running?: Promise<void>;
  queued?: Promise<void>;
  /** A whole read done in the background, for the next refresh to take in (`renew`). */
  renewed?: StoredRecord[];
  /** How long after the last whole read the next one is due (`renew`). */
  renewEvery?: number;
}

export class ListCache {
  private readonly entries = new Map<string, Entry>();
  /** Records looked at by list and count reads, in all (for tests: "my" lists look at few). */
  examined = 0;

  constructor(readonly options: ListCacheOptions) {}

  /** Records held now (for the bench's memory figure and tests). */
  size(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.records.size;
    return n;
  }

  /**
   * The first `limit + 1` records the caller may read (narrowed by `extra`), after `cursor`, in
   * the sort's order; from `fromDatabase` when this collection of the community is not held.
   */
  page(
    ctx: PluginContext,
    collection: string,
    def: CollectionDef,
    extra: Filter | undefined,
    sort: PageSort,
    cursor: { values: (string | number | boolean | null)[]; id: string } | undefined,
    limit: number,
    fromDatabase: () => Promise<StoredRecord[]>,
  ): Promise<StoredRecord[]> {
    // Called with no await between the entry's state and the page: one state of the entry.
    const fromEntry = (entry: Entry) => {
      const after = cursor && afterCursor(sort.keys, sort.idDir, cursor);
      const readable = readTest(ctx, def, extra);
      const { docs, ordered } = candidates(ctx, def, extra, entry.records, sort);
      const rows: StoredRecord[] = [];
      for (const doc of docs) {
        this.examined++;
        if (!readable(doc) || (after && !matchesMongo(after, doc))) continue;
        rows.push(doc);
        if (ordered && rows.length > limit) break;
      }
      const first = ordered
        ? rows
        : firstInOrder(
            rows.map((doc) => keyedBy(sort, doc)),
            limit + 1,
            orderOf(sort),
          ).map((r) => r.doc);
      // Copies: what the caller does with its page never reaches the cache.
      return structuredClone(first);
    };
    return this.answer(ctx, collection, fromEntry, fromDatabase);
  }

  /**
   * How many records the caller may read (narrowed by `extra`); from `fromDatabase` when this
   * collection of the community is not held.
   */
  count(
    ctx: PluginContext,
    collection: string,
    def: CollectionDef,
    extra: Filter | undefined,
    fromDatabase: () => Promise<number>,
  ): Promise<number> {
    const fromEntry = (entry: Entry) => {
      const readable = readTest(ctx, def, extra);
      let n = 0;
      for (const doc of candidates(ctx, def, extra, entry.records).docs) {
        this.examined++;
        if (readable(doc)) n++;
      }
      return n;
    };
    return this.answer(ctx, collection, fromEntry, fromDatabase);
  }

  /**
   * Answers from the community's entry, brought up to date with the change log, or from the
   * database when the entry is not held. A whole read (of a cold entry, or of a too-big one
   * looked at again) is waited for `coldWaitMs` at most: then the database is asked too, and the
   * first answer is taken, the read going on for the next readers.
   */
  private async answer<T>(
    ctx: PluginContext,
    collection: string,
    fromEntry: (entry: Entry) => T,
    fromDatabase: () => Promise<T>,
  ): Promise<T> {
    if (this.options.maxRecords <= 0) return fromDatabase();
    const key = changeKeyId({
      communityId: ctx.communityId,
      pluginId: ctx.plugin.pluginId,
      collection,
    });
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { records: new AuthoredRecords(), v: -1, loadedAt: 0, tooBig: false };
      this.entries.set(key, entry);
    }
    const held = entry;
    const ready = this.sync(held, () => this.refresh(ctx, collection, key, held));
    const settle = (database = fromDatabase) => {
      // Too big, or evicted meanwhile (the budget is smaller than this one collection).
      if (held.tooBig || held.v < 0) return database();
      // Most recently used last: the budget evicts from the front.
      this.entries.delete(key);
      this.entries.set(key, held);
      return fromEntry(held);
    };
    if (held.v >= 0 && !held.tooBig) return ready.then(() => settle());
    if (await settlesWithin(ready, this.options.coldWaitMs)) return settle();
    const asked = fromDatabase();
    let answered = false;
    const done = () => (answered = true);
    asked.then(done, done);
    // A failed whole read leaves the answer to the database (the next reader tries again); one
    // done after the database answered cuts no page, and one that found the collection too big
    // waits for the database's answer already asked for.
    const later = () => (answered ? asked : settle(() => asked));
    return Promise.race([asked, ready.then(later, () => asked)]);
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
    // Nothing to answer from yet: readers wait for this one.
    if (entry.v < 0 || entry.tooBig) return reload();
    if (entry.renewed) this.adopt(entry, entry.renewed);
    if (entry.tooBig) return;
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
    else if (age > (entry.renewEvery ?? this.options.maxAgeMs) && !entry.records.touched)
      this.renew(ctx, collection, entry);
    this.evict();
  }

  /**
   * The periodic whole read (a safety net: the change log misses nothing, number-probe.ts says
   * what the probe can miss), made in the background: readers go on being answered from the
   * entry, which goes on following the change log, and a later refresh takes the read in.
   */
  private renew(ctx: PluginContext, collection: string, entry: Entry): void {
    const records = entry.records;
    records.touched = new Set();
    const started = (entry.loadedAt = Date.now());
    this.readWhole(ctx, collection).then(
      (whole) => {
        const took = Date.now() - started;
        entry.renewEvery = Math.max(this.options.maxAgeMs, took / this.options.renewShare);
        if (entry.records === records) entry.renewed = whole;
      },
      // Tried again once `maxAgeMs` has passed.
      () => {
        if (entry.records === records) records.touched = undefined;
      },
    );
  }

  /**
   * Takes in a whole read begun after the entry had followed the change log to some `v`. Since
   * then the entry wrote down (`touched`) every id a later change named or the number probe
   * found, and its state of those is current as of its own `v`. Any other id changed at most
   * before `v`, and the read, done after, has it right; which includes creates left unnoted that
   * the number probe missed, the reason for the safety net.
   */
  private adopt(entry: Entry, rows: StoredRecord[]): void {
    const live = entry.records;
    const touched = live.touched;
    entry.renewed = undefined;
    live.touched = undefined;
    if (!touched) return;
    if (rows.length > this.options.maxRecords) return this.drop(entry, true);
    const merged = new AuthoredRecords();
    const unseen: number[] = [];
    for (const r of rows) {
      if (touched.has(r._id)) continue;
      merged.set(r._id, r);
      const n = numberOf(r);
      if (!live.has(r._id) && n !== undefined) unseen.push(n);
    }
    for (const id of touched) {
      const doc = live.get(id);
      if (doc) merged.set(id, doc);
    }
    entry.records = merged;
    // As if the number probe had found them.
    const now = Date.now();
    if (entry.num) for (const n of unseen) learn(entry.num, merged, n, now);
  }

  /** The community's records of the collection, up to one more than `maxRecords`. */
  private readWhole(ctx: PluginContext, collection: string): Promise<StoredRecord[]> {
    return recordsOf(ctx, collection)
      .find(
        { communityId: ctx.communityId },
        { ...WITHOUT_CARRIED, limit: this.options.maxRecords + 1 },
      )
      .toArray();
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
    const rows = await this.readWhole(ctx, collection);
    this.drop(entry, rows.length > this.options.maxRecords);
    entry.loadedAt = Date.now();
    entry.v = v;
    if (entry.tooBig) return;
    for (const r of rows) entry.records.set(r._id, r);
    const numbering = await numberedIdsOf(ctx, collection);
    if (numbering) entry.num = stateAfterLoad(numbering.ids, numbering.floor, entry.records);
    this.evict();
  }

  private drop(entry: Entry, tooBig: boolean): void {
    entry.records = new AuthoredRecords();
    entry.renewed = undefined;
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

/** Whether `work` settles within `ms` (rejecting if it fails first); it goes on regardless. */
async function settlesWithin(work: Promise<void>, ms: number): Promise<boolean> {
  if (ms === Infinity) return work.then(() => true);
  let timer: NodeJS.Timeout | undefined;
  // 0: never wait (not even a turn, which tests rely on).
  const late =
    ms > 0
      ? new Promise<false>((resolve) => (timer = setTimeout(resolve, ms, false)))
      : Promise.resolve(false as const);
  try {
    return await Promise.race([work.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
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

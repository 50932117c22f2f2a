import type { StoredRecord } from '../records/types';
import type { SortKey } from './cursor';
import { compareSortValues, sortValue } from './mongo-order';

/** A list's order: its sort keys, then `_id` in `idDir` (a total order: ids are unique). */
export interface PageSort {
  keys: SortKey[];
  idDir: 1 | -1;
}

/** A record with the values it sorts by. */
export interface Keyed {
  doc: StoredRecord;
  values: unknown[];
}

export const keyedBy = (sort: PageSort, doc: StoredRecord): Keyed => ({
  doc,
  values: sort.keys.map((k) => sortValue(doc, k.field, k.dir)),
});

/** The order of `sort` as the database compares values (mongo-order.ts). */
export function orderOf(sort: PageSort): (a: Keyed, b: Keyed) => number {
  return (a, b) => {
    for (let i = 0; i < sort.keys.length; i++) {
      const c = compareSortValues(a.values[i], b.values[i]);
      if (c !== 0) return c * sort.keys[i]!.dir;
    }
    return (a.doc._id < b.doc._id ? -1 : a.doc._id > b.doc._id ? 1 : 0) * sort.idDir;
  };
}

/** One name per order, for the views a collection keeps. */
export const sortName = (sort: PageSort) =>
  `${sort.keys.map((k) => `${k.field}:${k.dir}`).join(',')};${sort.idDir}`;

/**
 * A collection's records kept in one list's order as they change, so that a page whose filter
 * matches most records (staff's queue, newest first) reads its first rows and stops, instead of
 * testing and ranking every record of the community on every read (issue 18: 16,000 tickets
 * for each of the technician's reads by the 8-minute soak's end). A change costs a binary search
 * and an array splice.
 */
export class SortedView {
  private readonly rows: Keyed[];
  private readonly byId = new Map<string, Keyed>();
  private readonly order: (a: Keyed, b: Keyed) => number;

  constructor(
    private readonly sort: PageSort,
    docs: Iterable<StoredRecord>,
  ) {
    this.order = orderOf(sort);
    this.rows = [];
    for (const doc of docs) {
      const k = keyedBy(sort, doc);
      this.rows.push(k);
      this.byId.set(doc._id, k);
    }
    this.rows.sort(this.order);
  }

  /** The records, first to last. Not to be iterated across a change. */
  *records(): Iterable<StoredRecord> {
    for (const k of this.rows) yield k.doc;
  }

  put(doc: StoredRecord): void {
    this.remove(doc._id);
    const k = keyedBy(this.sort, doc);
    this.rows.splice(this.after(k), 0, k);
    this.byId.set(doc._id, k);
  }

  remove(id: string): void {
    const k = this.byId.get(id);
    if (!k) return;
    this.byId.delete(id);
    let at = this.after(k) - 1;
    // Values the order cannot rank consistently (none a record's schema admits) leave the binary
    // search somewhere else: the row is then looked for one by one.
    if (this.rows[at] !== k) at = this.rows.indexOf(k);
    this.rows.splice(at, 1);
  }

  /** Where `k` goes: after every row that sorts before it or level with it. */
  private after(k: Keyed): number {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.order(this.rows[mid]!, k) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

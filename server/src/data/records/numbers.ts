import type { mongo } from 'mongoose';
import { HttpError } from '../../http/errors';
import { CODES } from './names';
import type { StoredRecord } from './types';

/**
 * The stored state of a record-way numbering (actions/numbering.ts) and this process's memory of
 * it, here in the record layer because deletes (write.ts, erasure, retention, uninstall) must
 * keep the numbers of the records they remove from being handed out again.
 */

export interface NumberingDoc {
  _id: string;
  way: 'record' | 'claims';
  /** Hex key of the record ids and the code permutation. */
  key: string;
  /** A number taken already (a hint that lags behind, never runs ahead). */
  last: number;
}

export interface Numbering {
  id: string;
  way: NumberingDoc['way'];
  key: Buffer;
  /** The highest number this process has handed out or seen taken. */
  last: number;
  /** When this process's inserts of its latest numbers succeeded (ms), the newest few. */
  inserted: Map<number, number>;
}

/** Numberings this process has read, by database and state id; bounded, the oldest dropped. */
export const numberings = new Map<string, Numbering>();
export const NUMBERINGS_BOUND = 10_000;

export const numberingId = (pluginId: string, collection: string, communityId: string) =>
  `${pluginId}|${collection}|${communityId}|@`;

const states = (db: mongo.Db) => db.collection<NumberingDoc>(CODES);

/**
 * Raises a numbering's stored hint to `n` (taken already). Not isolated on the local database:
 * two raisers may leave the lower of their numbers, a hint that lags, never one that runs ahead.
 */
export async function raiseHint(db: mongo.Db, id: string, n: number): Promise<void> {
  await states(db).updateOne({ _id: id, last: { $lt: n } }, { $set: { last: n } });
}

/** What names a numbered record's numbering: where it is, and its number. */
type NumberedRecord = Pick<StoredRecord, 'communityId' | 'pluginId' | 'collection'> & {
  _n?: unknown;
};

/**
 * Called before numbered records are deleted (a delete, erasure, retention, an uninstall): a
 * number once handed out is never handed out again, since the record's `_id` is named by it —
 * a second record under one `_id` would meet the first one's revision claims (its first edits
 * lost races) and "ticket 000042" would name two reports over time. A process starts from the
 * stored hint (a restart) or catches up with it on a collision (insertNumbered), so the hint is
 * raised to the highest number deleted, before the delete (a crash between the two leaves a
 * hint raised for nothing, never a number freed below it) and read back, since the local
 * database's conditional update is not isolated and a concurrent raise may leave the lower.
 * Records without a number are passed over; deletes are rare, so this costs a create nothing.
 */
export async function keepNumbersTaken(db: mongo.Db, records: NumberedRecord[]): Promise<void> {
  const highest = new Map<string, number>();
  for (const r of records) {
    if (typeof r._n !== 'number') continue;
    const id = numberingId(r.pluginId, r.collection, r.communityId);
    highest.set(id, Math.max(highest.get(id) ?? 0, r._n));
  }
  for (const [id, n] of highest) {
    const known = numberings.get(`${db.databaseName}|${id}`);
    if (known && known.last < n) known.last = n;
    for (let tries = 0; ; tries++) {
      await raiseHint(db, id, n);
      const stored = await states(db).findOne({ _id: id }, { projection: { last: 1 } });
      if (!stored || stored.last >= n) break;
      if (tries >= 20)
        throw new HttpError(
          503,
          'busy',
          'Too many people are doing this at once. Please try again.',
        );
    }
  }
}

import { isDuplicateKey, isStaleClaim } from '../../db/claims';
import type { mongo } from 'mongoose';
import { REVISIONS } from './names';
import type { HistoryEntry, StoredRecord } from './types';

/**
 * Every change to an existing record goes through a revision claim.
 *
 * FerretDB v1 runs an update as read-modify-write without isolation: measured here, 50
 * concurrent `updateOne({state: 'a'}, {$set: {state: 'b'}})` report 5 winners, and 50 guarded
 * `$inc`s report 39 with the counter at 9. So a conditional update alone cannot stop a double
 * transition. A unique key can: inserting a document whose `_id` is `<collection>|<record>|<rev+1>`
 * succeeds for exactly one writer. The winner then writes the record guarded by its old `_rev`;
 * losers get a conflict (HTTP 409). The claim stores the change, so if the winner dies between
 * the claim and the write, a later writer rolls it forward before reporting its conflict: only
 * a claim older than db/claims.ts STALE_CLAIM_MS, so a live winner is never written for. (Two writers of one
 * revision can land out of order on FerretDB v1: a loser's roll-forward that read the record
 * before the winner wrote could land after the *next* revision and undo it; scans-12 measured
 * this losing 14 of 20 racing changes to a list written the same way, control/id-lists.ts.)
 */
export interface RecordChange {
  set?: Record<string, unknown>;
  unset?: string[];
  push?: HistoryEntry;
  remove?: boolean;
}

function claimId(collectionName: string, recordId: string, rev: number): string {
  return `${collectionName}|${recordId}|${rev}`;
}

async function write(
  records: mongo.Collection<StoredRecord>,
  recordId: string,
  fromRev: number,
  change: RecordChange,
): Promise<boolean> {
  if (change.remove) {
    const r = await records.deleteOne({ _id: recordId, _rev: fromRev });
    return r.deletedCount === 1;
  }
  const update: mongo.UpdateFilter<StoredRecord> = { $set: { ...change.set, _rev: fromRev + 1 } };
  if (change.unset?.length) update.$unset = Object.fromEntries(change.unset.map((f) => [f, '']));
  // The driver's types cannot see `history` through StoredRecord's index signature.
  if (change.push)
    update.$push = { history: change.push } as unknown as mongo.PushOperator<StoredRecord>;
  const r = await records.updateOne({ _id: recordId, _rev: fromRev }, update);
  return r.matchedCount === 1;
}

/** Applies `change` to `doc` if nobody changed it since it was read; false on a lost race. */
export async function applyChange(
  db: mongo.Db,
  records: mongo.Collection<StoredRecord>,
  doc: StoredRecord,
  change: RecordChange,
): Promise<boolean> {
  const claims = db.collection<{ _id: string; communityId: string; change: string; at: Date }>(
    REVISIONS,
  );
  const id = claimId(records.collectionName, doc._id, doc._rev + 1);
  try {
    await claims.insertOne({
      _id: id,
      communityId: doc.communityId,
      change: JSON.stringify(change),
      at: new Date(),
    });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const winner = await claims.findOne({ _id: id });
    // Roll a winner that stopped forward; harmless if it did write (the `_rev` guard misses).
    if (winner && isStaleClaim(winner.at))
      await write(records, doc._id, doc._rev, JSON.parse(winner.change) as RecordChange);
    return false;
  }
  return writeClaimed(records, doc, change);
}

/**
 * The claim winner's write. If it misses, the record moved on without us only in name: the
 * claim for `_rev + 1` is ours, so whatever moved it was our own change, rolled forward by a
 * loser who took us for stopped (a winner slower than STALE_CLAIM_MS on a loaded machine). That
 * is still our win. (Reporting it lost made all twenty racers of one transition fail on a
 * loaded machine, when losers rolled every winner forward.)
 */
export async function writeClaimed(
  records: mongo.Collection<StoredRecord>,
  doc: StoredRecord,
  change: RecordChange,
): Promise<boolean> {
  if (await write(records, doc._id, doc._rev, change)) return true;
  const now = await records.findOne({ _id: doc._id }, { projection: { _rev: 1 } });
  return now === null || now._rev > doc._rev;
}

// Revision claims against the real database. The interleavings that matter cannot be forced
// through HTTP: a loser finds a claim whose writer stopped and rolls it forward *before* that
// writer (only slow, not dead) writes: the winner must still be told it won, or a race can end
// with no winner at all. And a loser must never write for a winner that is still working.
import type { mongo } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/database';
import { STALE_CLAIM_MS } from '../../db/claims';
import { applyChange, writeClaimed, type RecordChange } from './revisions';
import { REVISIONS } from './names';
import type { StoredRecord } from './types';

const db = useTestDatabase('record-revisions');

function record(id: string): StoredRecord {
  return {
    _id: id,
    communityId: 'c1',
    pluginId: 'test.revisions',
    collection: 'items',
    schemaVersion: 1,
    createdBy: 'acc1',
    createdAt: '2026-11-30T00:00:00.000Z',
    updatedAt: '2026-11-30T00:00:00.000Z',
    history: [],
    _rev: 0,
    state: 'submitted',
  };
}

const evaluate: RecordChange = {
  set: { state: 'evaluating' },
  push: { transition: 'evaluate', from: 'submitted', to: 'evaluating', by: 'op', at: 'x' },
};
const decline: RecordChange = {
  set: { state: 'declined' },
  push: { transition: 'decline', from: 'submitted', to: 'declined', by: 'op', at: 'x' },
};

/** A claim for `id` made `ageMs` ago whose writer has not written. */
async function claim(conn: mongo.Db, id: string, change: RecordChange, ageMs: number) {
  await conn
    .collection<{ _id: string; communityId: string; change: string; at: Date }>(REVISIONS)
    .insertOne({
      _id: id,
      communityId: 'c1',
      change: JSON.stringify(change),
      at: new Date(Date.now() - ageMs),
    });
}

describe('revision claims', () => {
  it('counts a winner whose change a loser rolled forward as the winner', async () => {
    const conn = db.connection().db!;
    const records = conn.collection<StoredRecord>('records_test_revisions_items');
    const doc = record('r1');
    await records.insertOne(doc);
    // The winner claimed revision 1 long enough ago to look stopped, and has not written…
    await claim(conn, `${records.collectionName}|r1|1`, evaluate, STALE_CLAIM_MS + 1_000);
    // …a loser arrives, loses, and rolls the winner's change forward…
    expect(await applyChange(conn, records, doc, decline)).toBe(false);
    const rolled = await records.findOne({ _id: 'r1' });
    expect(rolled).toMatchObject({ state: 'evaluating', _rev: 1 });
    expect(rolled!.history).toHaveLength(1);
    // …then the winner's own write misses the `_rev` guard, and it has still won.
    expect(await writeClaimed(records, doc, evaluate)).toBe(true);
    expect((await records.findOne({ _id: 'r1' }))!.history).toHaveLength(1);
  });

  it('leaves a live winner to write its own change', async () => {
    const conn = db.connection().db!;
    const records = conn.collection<StoredRecord>('records_test_revisions_items');
    const doc = record('r3');
    await records.insertOne(doc);
    // The winner claimed revision 1 a moment ago and is still working…
    await claim(conn, `${records.collectionName}|r3|1`, evaluate, 0);
    // …a loser is told it lost and writes nothing…
    expect(await applyChange(conn, records, doc, decline)).toBe(false);
    expect(await records.findOne({ _id: 'r3' })).toMatchObject({ state: 'submitted', _rev: 0 });
    // …and the winner's own write lands.
    expect(await writeClaimed(records, doc, evaluate)).toBe(true);
    expect(await records.findOne({ _id: 'r3' })).toMatchObject({ state: 'evaluating', _rev: 1 });
  });

  it('tells a writer that read an old revision and finds the claim taken that it lost', async () => {
    const conn = db.connection().db!;
    const records = conn.collection<StoredRecord>('records_test_revisions_items');
    const doc = record('r2');
    await records.insertOne(doc);
    expect(await applyChange(conn, records, doc, evaluate)).toBe(true);
    expect(await applyChange(conn, records, doc, decline)).toBe(false);
    expect(await records.findOne({ _id: 'r2' })).toMatchObject({ state: 'evaluating', _rev: 1 });
  });
});

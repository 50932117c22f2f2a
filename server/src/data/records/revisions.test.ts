// Revision claims against the real database. The interleaving that matters cannot be forced
// through HTTP: a loser reads the winner's claim and rolls it forward *before* the winner
// writes. The winner must still be told it won, or a race can end with no winner at all.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/database';
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

describe('revision claims', () => {
  it('counts a winner whose change a loser rolled forward as the winner', async () => {
    const conn = db.connection().db!;
    const records = conn.collection<StoredRecord>('records_test_revisions_items');
    const doc = record('r1');
    await records.insertOne(doc);
    // The winner has claimed revision 1 and not yet written…
    const winnerId = `${records.collectionName}|r1|1`;
    await conn
      .collection<{ _id: string; communityId: string; change: string; at: Date }>(REVISIONS)
      .insertOne({
        _id: winnerId,
        communityId: 'c1',
        change: JSON.stringify(evaluate),
        at: new Date(),
      });
    // …a loser arrives, loses, and rolls the winner's change forward…
    expect(await applyChange(conn, records, doc, decline)).toBe(false);
    const rolled = await records.findOne({ _id: 'r1' });
    expect(rolled).toMatchObject({ state: 'evaluating', _rev: 1 });
    expect(rolled!.history).toHaveLength(1);
    // …then the winner's own write misses the `_rev` guard, and it has still won.
    expect(await writeClaimed(records, doc, evaluate)).toBe(true);
    expect((await records.findOne({ _id: 'r1' }))!.history).toHaveLength(1);
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

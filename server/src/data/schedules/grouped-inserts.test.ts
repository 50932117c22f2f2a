// A schedule batch inserts the records it creates together (inserts.ts): a held record is stored
// exactly as its own insert would store it and named in the change log, and a record the
// database refuses is counted failed while the batch's others are stored.
import { connect } from '../../db/connection';
import { injectMongoUri, testDatabaseName } from '@scene/devdb/testing';
import { Types, type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeKeyId } from '../records/changes';
import { RECORD_CHANGES, recordCollectionName, SCHEDULE_RUNS } from '../records/names';
import { testDataPlane, type TestDataPlane } from '../records/test-kit';
import type { StoredRecord } from '../records/types';
import { insertRecord, newRecord } from '../records/write';
import { careManifest, missedCheckInTargets } from './care-fixture';
import { GroupedInserts } from './inserts';
import { GroupedNotes } from './notes';
import { systemContext } from './run';
import { ScheduleRunner } from './runner';

const alertsOf = recordCollectionName('acme.care', 'alerts');
const now = new Date('2026-03-10T02:05:00Z'); // 10:05 in Shanghai
let conn: Connection;
let dp: TestDataPlane;

beforeAll(async () => {
  conn = await connect(injectMongoUri(), testDatabaseName('grouped-inserts'), {
    timeoutMs: 30_000,
  });
  dp = await testDataPlane(conn);
  dp.clock.now = now;
}, 120_000);
afterAll(async () => {
  await conn.dropDatabase().catch(() => {});
  await conn.close();
});

async function enrol(communityId: string, count: number): Promise<string[]> {
  const at = '2026-03-01T00:00:00.000Z';
  const docs = Array.from({ length: count }, (_, i) => ({
    _id: new Types.ObjectId().toHexString(),
    communityId,
    pluginId: 'acme.care',
    collection: 'enrolments',
    schemaVersion: 1,
    createdBy: new Types.ObjectId().toHexString(),
    createdAt: at,
    updatedAt: at,
    history: [],
    _rev: 0,
    elderName: `老人${i}`,
    status: 'active',
  }));
  await conn
    .db!.collection(recordCollectionName('acme.care', 'enrolments'))
    .insertMany(docs as never[]);
  return docs.map((d) => d._id);
}

describe('records a schedule batch creates', () => {
  it('are stored as their own insert stores them, once the batch flushes, and noted', async () => {
    const C = 'c-held-same';
    const installed = await dp.install(C, careManifest());
    const job = {
      target: { ...installed, schedules: [] },
      id: 'missedCheckIn',
      def: installed.manifest.schedules!.missedCheckIn!,
    };
    const ctx = systemContext(dp, job, now, now);
    const fields = { elderId: 'e1', date: '2026-03-10', kind: 'missed' };
    const single = newRecord(ctx, 'alerts', fields);
    // Another elder: the other test gives the collection a unique index on elder and day.
    const held: StoredRecord = {
      ...structuredClone(single),
      _id: new Types.ObjectId().toHexString(),
      elderId: 'e2',
    };
    await insertRecord(ctx, 'alerts', single);

    const inserts = new GroupedInserts();
    const notes = new GroupedNotes(ctx.db);
    await insertRecord({ ...ctx, heldInserts: inserts, heldNotes: notes }, 'alerts', held);
    const alerts = conn.db!.collection<StoredRecord>(alertsOf);
    expect(await alerts.findOne({ _id: held._id })).toBeNull();
    expect(await inserts.flush(ctx, notes)).toBe(0);
    await notes.flush();

    const [a, b] = await Promise.all([
      alerts.findOne({ _id: single._id }),
      alerts.findOne({ _id: held._id }),
    ]);
    expect(b).toEqual({ ...a, _id: held._id, elderId: 'e2' });
    const key = changeKeyId({ communityId: C, pluginId: 'acme.care', collection: 'alerts' });
    const noted = await conn
      .db!.collection<{ _id: string; ids?: string[] }>(RECORD_CHANGES)
      .find({})
      .toArray();
    const ids = noted.filter((n) => n._id.startsWith(`${key}|`)).flatMap((n) => n.ids ?? []);
    expect(ids).toEqual(expect.arrayContaining([single._id, held._id]));
  });

  it('a refused one is counted failed, and the batch’s others are stored', async () => {
    const C = 'c-held-refused';
    const care = careManifest();
    // One alert per elder and day: the record made by hand below refuses the run's for elder 0.
    care.collections.alerts!.indexes = [{ fields: { elderId: 1, date: 1 }, unique: true }];
    const installed = await dp.install(C, care);
    const elders = await enrol(C, 6);
    await conn.db!.collection(alertsOf).insertOne({
      _id: new Types.ObjectId().toHexString(),
      communityId: C,
      pluginId: care.id,
      elderId: elders[0],
      date: '2026-03-10',
    } as never);

    await new ScheduleRunner(dp, missedCheckInTargets(installed)).drain();
    const run = await conn
      .db!.collection<{ acted: number; failed: number; status: string }>(SCHEDULE_RUNS)
      .findOne({ communityId: C });
    expect(run).toMatchObject({ status: 'done', acted: 5, failed: 1 });
    const stored = await conn
      .db!.collection<{ elderId: string }>(alertsOf)
      .find({ communityId: C })
      .toArray();
    expect(stored.map((s) => s.elderId).sort()).toEqual([...elders].sort());
  });
});

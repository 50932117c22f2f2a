// What one schedule run sends the database, counted by the driver: the schedule's records are
// read once per occurrence however many slices the run takes (on the local database every read
// of a `where` decodes the whole collection), a read the server dropped between slices is
// started again after the last record read, and the acted records' change-log notes go out
// several records to a note while still naming every record, their records one insert a batch.
import { connect } from '../../db/connection';
import { injectMongoUri, testDatabaseName } from '@scene/devdb/testing';
import mongoose, { Types, type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeKeyId } from '../records/changes';
import { RECORD_CHANGES, recordCollectionName, SCHEDULE_RUNS } from '../records/names';
import { testDataPlane, type TestDataPlane } from '../records/test-kit';
import type { InstalledPlugin } from '../records/types';
import { commandLabel } from '../../testing/command-log';
import { careManifest, missedCheckInTargets } from './care-fixture';
import { ScheduleRunner } from './runner';

const care = careManifest();
const owner = new Types.ObjectId().toHexString();
const enrolments = recordCollectionName(care.id, 'enrolments');
const alertsOf = recordCollectionName(care.id, 'alerts');
let conn: Connection;
let dp: TestDataPlane;
/** Every command sent, as `<command> <collection>`. */
const sent: string[] = [];
/** The server's cursor id of each find of the enrolments. */
const enrolmentCursors: bigint[] = [];

beforeAll(async () => {
  conn = await connect(injectMongoUri(), testDatabaseName('schedule-slices'), {
    timeoutMs: 30_000,
    monitorCommands: true,
  });
  const finds = new Set<number>();
  conn.getClient().on('commandStarted', (e) => {
    sent.push(commandLabel(e));
    if (commandLabel(e) === `find ${enrolments}`) finds.add(e.requestId);
  });
  conn.getClient().on('commandSucceeded', (e) => {
    if (!finds.delete(e.requestId)) return;
    // 0 when the first batch held every record (nothing left open on the server).
    const id = (e.reply as { cursor?: { id?: { toString(): string } } }).cursor?.id;
    if (id && id.toString() !== '0') enrolmentCursors.push(BigInt(id.toString()));
  });
  dp = await testDataPlane(conn);
  dp.clock.now = new Date('2026-03-10T02:05:00Z'); // 10:05 in Shanghai
}, 120_000);
afterAll(async () => {
  await conn.dropDatabase().catch(() => {});
  await conn.close();
});

/** A community with `count` active enrolments (nobody checked in) and the care plugin. */
async function community(id: string, count: number): Promise<InstalledPlugin> {
  const installed = await dp.install(id, care);
  const at = '2026-03-01T00:00:00.000Z';
  await conn.db!.collection(enrolments).insertMany(
    Array.from({ length: count }, (_, i) => ({
      _id: new Types.ObjectId().toHexString(),
      communityId: id,
      pluginId: care.id,
      collection: 'enrolments',
      schemaVersion: 1,
      createdBy: owner,
      createdAt: at,
      updatedAt: at,
      history: [],
      _rev: 0,
      elderName: `老人${i}`,
      status: 'active',
    })) as never[],
  );
  return installed;
}

const runner = (installed: InstalledPlugin, sliceRecords: number) =>
  new ScheduleRunner(dp, missedCheckInTargets(installed), { sliceRecords, leaseMs: 0 });

/** The elders alerted in a community, one entry per alert. */
const alerted = async (communityId: string) =>
  (
    await conn
      .db!.collection<{ elderId: string }>(alertsOf)
      .find({ communityId }, { projection: { elderId: 1 } })
      .toArray()
  ).map((a) => a.elderId);

describe('a schedule run in slices', () => {
  it('reads its records once for all its slices, and notes every record it created', async () => {
    const C = 'c-slices';
    const installed = await community(C, 45);
    sent.length = 0;
    const r = runner(installed, 20);
    // Three slices of at most 20 records: the runner asks for another tick after each.
    expect(await r.tick()).toBe(true);
    expect(await r.tick()).toBe(true);
    expect(await r.tick()).toBe(false);
    const elders = await alerted(C);
    expect(elders).toHaveLength(45);
    expect(new Set(elders).size).toBe(45);
    // One query of the enrolments for the occurrence (it was one per slice), read on in batches.
    expect(sent.filter((c) => c === `find ${enrolments}`)).toHaveLength(1);
    // One insert of the alerts per batch (a slice is one batch here: 20, 20, 5), not one per
    // acted record; the change notes go out 10 records to a note.
    expect(sent.filter((c) => c === `insert ${alertsOf}`)).toHaveLength(3);
    expect(sent.filter((c) => c === `insert ${RECORD_CHANGES}`)).toHaveLength(5);
    // ...and name every created alert, so lists cached in any process read each one.
    const notes = await conn
      .db!.collection<{ _id: string; ids?: string[]; all?: boolean }>(RECORD_CHANGES)
      .find({})
      .toArray();
    const alertIds = (
      await conn
        .db!.collection(alertsOf)
        .find({ communityId: C }, { projection: { _id: 1 } })
        .toArray()
    ).map((a) => String(a._id));
    const key = changeKeyId({ communityId: C, pluginId: care.id, collection: 'alerts' });
    const noted = notes.filter((n) => n._id.startsWith(`${key}|`));
    expect(noted).toHaveLength(5);
    expect(noted.some((n) => n.all)).toBe(false);
    expect(new Set(noted.flatMap((n) => n.ids ?? []))).toEqual(new Set(alertIds));
  });

  it('starts its read again after the last record it read when the server dropped it', async () => {
    const C = 'c-slices-dropped';
    // More than one batch of the read (500), so the server still holds its cursor between
    // slices: the first slice reads 301 of the first 500, the second reads on past them.
    const installed = await community(C, 600);
    enrolmentCursors.length = 0;
    sent.length = 0;
    const r = runner(installed, 300);
    expect(await r.tick()).toBe(true);
    // The server forgets the read the runner keeps open (as it does an idle cursor).
    expect(enrolmentCursors).toHaveLength(1);
    await conn.db!.command({
      killCursors: enrolments,
      cursors: [mongoose.mongo.Long.fromBigInt(enrolmentCursors[0]!)],
    });
    await r.drain();
    const elders = await alerted(C);
    expect(elders).toHaveLength(600);
    expect(new Set(elders).size).toBe(600);
    // A second read began after the last record read: none was read twice into a claim.
    expect(sent.filter((c) => c === `find ${enrolments}`)).toHaveLength(2);
    const run = await conn
      .db!.collection<{ _id: string; acted: number; skipped: number; status: string }>(
        SCHEDULE_RUNS,
      )
      .findOne({ communityId: C });
    expect(run).toMatchObject({ status: 'done', acted: 600, skipped: 0 });
  }, 120_000);

  it('a second process takes over a run half done and acts on the rest once', async () => {
    const C = 'c-slices-taken';
    const installed = await community(C, 25);
    const first = runner(installed, 10);
    expect(await first.tick()).toBe(true);
    // Another process (no lease: it takes over at once) works the rest with a read of its own;
    // the first one's open read is behind the saved cursor then, and is not continued.
    await runner(installed, 10).drain();
    await first.drain();
    const elders = await alerted(C);
    expect(elders).toHaveLength(25);
    expect(new Set(elders).size).toBe(25);
  });
});

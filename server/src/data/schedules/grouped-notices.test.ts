// A schedule batch's notices go out grouped per person: one owner told of many missed check-ins
// gets one inbox write per batch of records, not one per record (the local database rewrites
// the whole inbox document on each), and still every message once.
import { connect } from '../../db/connection';
import { injectMongoUri, testDatabaseName } from '@scene/devdb/testing';
import { Types, type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INBOX_KEEP, inboxes, inboxHeads, readInbox } from '../notifications/inbox';
import { recordCollectionName } from '../records/names';
import { testDataPlane, type TestDataPlane } from '../records/test-kit';
import type { InstalledPlugin } from '../records/types';
import { careManifest, missedCheckInTargets } from './care-fixture';
import { ScheduleRunner } from './runner';

const C = 'c-grouped';
const RECORDS = 1_100;
const care = careManifest();
const [busy, quiet] = [new Types.ObjectId().toHexString(), new Types.ObjectId().toHexString()];
let conn: Connection;
let dp: TestDataPlane;
let installed: InstalledPlugin;
const inboxWrites: string[] = [];

beforeAll(async () => {
  conn = await connect(injectMongoUri(), testDatabaseName('grouped-notices'), {
    timeoutMs: 30_000,
    monitorCommands: true,
  });
  conn.getClient().on('commandStarted', (e) => {
    const on = e.command[e.commandName];
    if (['inboxes', 'inbox_heads'].includes(on) && ['insert', 'update'].includes(e.commandName))
      inboxWrites.push(e.commandName);
  });
  dp = await testDataPlane(conn);
  installed = await dp.install(C, care);
  dp.clock.now = new Date('2026-03-10T02:05:00Z'); // 10:05 in Shanghai
  // Every enrolment but the last is the busy owner's; nobody checked in.
  const at = '2026-03-01T00:00:00.000Z';
  await conn.db!.collection(recordCollectionName(care.id, 'enrolments')).insertMany(
    Array.from({ length: RECORDS }, (_, i) => ({
      _id: new Types.ObjectId().toHexString(),
      communityId: C,
      pluginId: care.id,
      collection: 'enrolments',
      schemaVersion: 1,
      createdBy: i === RECORDS - 1 ? quiet : busy,
      createdAt: at,
      updatedAt: at,
      history: [],
      _rev: 0,
      elderName: `老人${i}`,
      status: 'active',
    })) as never[],
  );
}, 120_000);
afterAll(async () => {
  await conn.dropDatabase().catch(() => {});
  await conn.close();
});

const runner = () => new ScheduleRunner(dp, missedCheckInTargets(installed));

describe('a schedule run telling one owner of many records', () => {
  it('writes her inbox once per batch, keeps the newest messages unread, and tells each owner once per record', async () => {
    await runner().drain();
    const alerts = await conn
      .db!.collection(recordCollectionName(care.id, 'alerts'))
      .countDocuments({ communityId: C });
    expect(alerts).toBe(RECORDS);
    // 1,100 records in batches of 500: three batches, each one push per person and at most one
    // spill (the head unsealed, the archive written, the head sealed); per record it was over a
    // thousand.
    expect(inboxWrites.length).toBeLessThanOrEqual(3 * 5);

    const mine = await readInbox(conn.db!, busy);
    expect(mine).toHaveLength(INBOX_KEEP);
    expect(mine.every((m) => !m.read && m.title.en === 'An elder has not checked in')).toBe(true);
    expect(new Set(mine.map((m) => m.recordId)).size).toBe(INBOX_KEEP);
    expect((await inboxes(conn.db!).findOne({ _id: busy }))!.entries.length).toBeLessThanOrEqual(
      INBOX_KEEP,
    );
    expect((await inboxHeads(conn.db!).findOne({ _id: busy }))!.entries.length).toBeLessThan(
      INBOX_KEEP,
    );
    expect(await readInbox(conn.db!, quiet)).toHaveLength(1);

    // The same occurrence again (another process, a restart) acts on nothing and tells nobody.
    inboxWrites.length = 0;
    await runner().drain();
    expect(inboxWrites).toEqual([]);
    expect(await readInbox(conn.db!, quiet)).toHaveLength(1);
  }, 300_000);
});

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/database';
import { runAction } from '../actions/service';
import { NOTIFY_JOBS } from '../records/names';
import { loadStandardPlugin, member, testDataPlane, type TestDataPlane } from '../records/test-kit';
import { CARRIED, carrying, dropCarried, sweepCarried } from './carried';
import { listInbox } from './service';

// A create whose notices go to the worker carries them in its record and answers after that one
// insert; the jobs are queued in the background. A "process" that dies before queueing them
// (the gathered jobs dropped unwritten) leaves them in the record: the next process's sweep
// queues them, and each notice reaches each person once, however often the sweep runs.
const db = useTestDatabase('carried-notices');
const C = 'c-carried';
const repair = loadStandardPlugin('property-repair');
// The same plugin with one report per title: a refused insert after the notices were carried.
const unique = loadStandardPlugin('property-repair');
unique.id = 'std.property-repair-unique';
unique.collections.tickets!.indexes = [{ fields: { title: 1 }, unique: true }];
const resident = member(C, ['resident'], 'carrier');
const staff = member(C, ['staff'], 'staffer');
let p: TestDataPlane;

beforeAll(async () => {
  p = await testDataPlane(db.connection());
  p.members.add(C, staff.accountId, ['staff']);
  p.members.add(C, resident.accountId, ['resident']);
  await p.install(C, repair);
  await p.install(C, unique);
});
// The default gathering window, restored after a test that holds the jobs.
const CARRYING_MS = carrying.ms;
afterEach(() => {
  carrying.ms = CARRYING_MS;
});

const report = (title: string, pluginId = repair.id) =>
  runAction(p, {
    communityId: C,
    pluginId,
    action: 'report',
    caller: resident,
    input: { category: 'plumbing', locationType: 'public', title, contactPhone: '13800000000' },
  });

const jobsOf = (recordId: string) =>
  db.connection().db!.collection(NOTIFY_JOBS).countDocuments({ recordId });

/** The titles (English) of a person's messages about one record. */
async function told(accountId: string, recordId: string): Promise<string[]> {
  const inbox = await listInbox(db.connection().db!, accountId, { limit: 100 });
  return inbox.items.filter((m) => m.recordId === recordId).map((m) => m.title.en);
}

describe('notices carried by their record', () => {
  it('reach the staff and the resident once, queued in the background', async () => {
    const res = await report('走廊灯不亮');
    expect(res.status).toBe(201);
    const id = (res.body as { record: { id: string } }).record.id;
    // Carried by the record, never shown with it.
    const stored = await db
      .connection()
      .db!.collection('rec.std.property-repair.tickets')
      .findOne({
        _id: id as never,
      });
    // Small: the action, and per job its id, its notice's place and the people it names; not
    // the texts (each scan of the collection and each list cache would carry them).
    const carried = JSON.parse(String(stored?.[CARRIED])) as {
      action: string;
      jobs: [string, number, string[]][];
    };
    expect(carried.action).toBe('report');
    expect(carried.jobs.map(([, k, direct]) => [k, direct])).toEqual([
      [0, []],
      [1, [resident.accountId]],
    ]);
    expect(String(stored?.[CARRIED]).length).toBeLessThan(160);
    expect(res.body).not.toHaveProperty(['record', CARRIED]);
    await p.drainNotices();
    expect(await told(staff.accountId, id)).toEqual(['New repair ticket']);
    expect(await told(resident.accountId, id)).toEqual(['Repair request sent']);
    // Finished jobs are marked: a sweep by a later process queues nothing again.
    expect(await sweepCarried(p, new Date(Date.now() + 1000))).toBe(0);
    await p.drainNotices();
    expect(await told(resident.accountId, id)).toEqual(['Repair request sent']);
  }, 120_000);

  it('are delivered once by the next process when the one that answered died before queueing', async () => {
    // The process answers, then dies while it still gathers the jobs.
    carrying.ms = 600_000;
    const res = await report('水管爆裂');
    expect(res.status).toBe(201);
    const id = (res.body as { record: { id: string } }).record.id;
    dropCarried();
    carrying.ms = CARRYING_MS;
    expect(await jobsOf(id)).toBe(0);
    await p.drainNotices();
    expect(await told(staff.accountId, id)).toEqual([]);
    // A new process on the same database: its sweep finds the record's notices and queues them.
    const next = await testDataPlane(db.connection());
    next.members.add(C, staff.accountId, ['staff']);
    await next.install(C, repair);
    expect(await sweepCarried(next, new Date(Date.now() + 1000))).toBe(2);
    await next.drainNotices();
    expect(await told(staff.accountId, id)).toEqual(['New repair ticket']);
    expect(await told(resident.accountId, id)).toEqual(['Repair request sent']);
    // Swept again (another start): nothing is queued twice, nobody is told twice.
    expect(await sweepCarried(next, new Date(Date.now() + 1000))).toBe(0);
    await next.drainNotices();
    expect(await told(staff.accountId, id)).toEqual(['New repair ticket']);
    expect(await told(resident.accountId, id)).toEqual(['Repair request sent']);
  }, 120_000);

  it('tell nobody when the insert that carried them is refused', async () => {
    const first = await report('同一个标题', unique.id);
    expect(first.status).toBe(201);
    await p.drainNotices();
    const before = (await listInbox(db.connection().db!, staff.accountId, { limit: 100 })).items;
    await expect(report('同一个标题', unique.id)).rejects.toMatchObject({ status: 409 });
    await p.drainNotices();
    expect(await sweepCarried(p, new Date(Date.now() + 1000))).toBe(0);
    await p.drainNotices();
    const after = (await listInbox(db.connection().db!, staff.accountId, { limit: 100 })).items;
    expect(after).toHaveLength(before.length);
  }, 120_000);
});

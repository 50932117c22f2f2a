import { injectMongoUri, testDatabaseName } from '@scene/devdb/testing';
import mongoose, { Types, type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandLabel } from '../../testing/command-log';
import { NOTIFY_JOBS, NOTIFY_RECIPIENTS, NOTIFY_STEPS } from '../records/names';
import { testDataPlane, type TestDataPlane } from '../records/test-kit';
import { chunked, claimSmallJobs, deliverSmallJobs, smallJobs, type SmallJob } from './batch';
import { INBOX_KEEP } from './inbox';
import { DEFAULT_QUEUE, pendingJobs, type NotifyJob } from './queue';
import { listInbox } from './service';
import { DEFAULT_WORKER, NotificationWorker } from './worker';

// The worker's batch of small jobs (batch.ts) against the real database: one claim, one inbox
// write and two deletes for a round's jobs, with runJob's guarantees — everyone told once,
// across a process that dies mid batch and two processes racing for the same jobs.
let conn: Connection;
const commands: string[] = [];
const C = 'c-batch';
const PLUGIN = 'std.property-repair';
const residents = Array.from({ length: 6 }, (_, i) => `batch-resident-${i}`);
const staff = ['batch-staff-0', 'batch-staff-1'];
let p: TestDataPlane;

beforeAll(async () => {
  conn = mongoose.createConnection(injectMongoUri(), {
    dbName: testDatabaseName('notify-batch'),
    monitorCommands: true,
    autoIndex: false,
    bufferCommands: false,
  });
  await conn.asPromise();
  conn.getClient().on('commandStarted', (e) => commands.push(commandLabel(e)));
  p = await testDataPlane(conn);
  for (const id of residents) p.members.add(C, id, ['resident']);
  for (const id of staff) p.members.add(C, id, ['staff']);
});
afterAll(async () => {
  await conn.dropDatabase().catch(() => {});
  await conn.close();
});

let serial = 0;
/** A queued notice about a record of its own, to people named directly and/or a role. */
function job(direct: string[], roles: string[] = []): NotifyJob {
  const n = ++serial;
  return {
    _id: new Types.ObjectId().toHexString(),
    communityId: C,
    pluginId: PLUGIN,
    recordId: `record-${n}`,
    view: null,
    title: { 'zh-CN': `通知 ${n}`, en: `Notice ${n}` },
    body: null,
    direct,
    roles,
    state: 'queued',
    createdAt: new Date(),
  };
}

const db = () => conn.db!;
const queue = async (list: NotifyJob[]) => {
  await db().collection<NotifyJob>(NOTIFY_JOBS).insertMany(list);
  return list;
};

/** Who a job's notice reached, each as often as their inbox shows it. */
async function reached(list: NotifyJob[], people: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(list.map((j) => [j.recordId!, []]));
  for (const person of people) {
    const inbox = await listInbox(db(), person, { limit: 100 });
    for (const m of inbox.items) out.get(m.recordId!)?.push(person);
  }
  return out;
}

/** Everyone each job names, sorted (role holders resolved as the directory has them). */
const expected = (list: NotifyJob[]) =>
  new Map(
    list.map((j) => [
      j.recordId!,
      [...new Set([...j.direct, ...(j.roles.includes('staff') ? staff : [])])].sort(),
    ]),
  );
const sortedValues = (m: Map<string, string[]>) =>
  new Map([...m].map(([k, v]) => [k, [...v].sort()]));

async function leftovers() {
  return {
    jobs: await db().collection(NOTIFY_JOBS).countDocuments({}),
    steps: await db().collection(NOTIFY_STEPS).countDocuments({}),
    recipients: await db().collection(NOTIFY_RECIPIENTS).countDocuments({}),
  };
}
const EMPTY = { jobs: 0, steps: 0, recipients: 0 };

describe('small notices in batches', () => {
  it('go out in one round with one claim, one inbox write and two deletes for all of them', async () => {
    // 30 jobs: a resident each (two of them the same person), and every fifth also to the staff.
    const list = await queue(
      Array.from({ length: 30 }, (_, k) =>
        job([residents[k % residents.length]!], k % 5 === 0 ? ['staff'] : []),
      ),
    );
    // Job by job, this round's ten batches would finish ten of the 30.
    const worker = new NotificationWorker(p, { ...DEFAULT_WORKER, jobsPerRound: 30 });
    commands.length = 0;
    const done = await worker.tick(new Date());
    expect(done.jobs).toBe(30);
    const count = (label: string) => commands.filter((c) => c === label).length;
    expect(count(`insert ${NOTIFY_STEPS}`)).toBe(1);
    expect(count(`update inboxes`) + count(`insert inboxes`)).toBeLessThanOrEqual(2);
    expect(count(`delete ${NOTIFY_JOBS}`)).toBe(1);
    expect(count(`delete ${NOTIFY_STEPS}`)).toBe(1);
    // Far from ten commands a job: the round's list, the settings, the webhook, the writes.
    expect(commands.length).toBeLessThan(15);
    expect(await leftovers()).toEqual(EMPTY);
    expect(sortedValues(await reached(list, [...residents, ...staff]))).toEqual(expected(list));
  }, 120_000);

  it('are told once when the process dies mid batch: the next takes them over after the lease', async () => {
    const list = await queue(Array.from({ length: 8 }, (_, k) => job([residents[k % 3]!])));
    const t0 = new Date();
    const listed = await pendingJobs(db(), t0, 50);
    const { small } = await smallJobs(p, listed, DEFAULT_QUEUE);
    expect(small.map((s) => s.job._id).sort()).toEqual(list.map((j) => j._id).sort());
    // The process claims all eight, delivers the first four, then dies.
    const { mine } = await claimSmallJobs(db(), small, t0, DEFAULT_QUEUE);
    expect(mine).toHaveLength(8);
    const first = new Set(list.slice(0, 4).map((j) => j._id));
    await deliverSmallJobs(
      db(),
      mine.filter((s) => first.has(s.job._id)),
      DEFAULT_QUEUE,
    );
    // Another process, within the lease: the claims are held, it sends nothing.
    const next = new NotificationWorker(await testDataPlane(conn));
    await next.tick(new Date(t0.getTime() + 1_000));
    const early = await reached(list, residents);
    expect(list.filter((j) => early.get(j.recordId!)!.length > 0).map((j) => j._id)).toEqual(
      list.slice(0, 4).map((j) => j._id),
    );
    expect((await leftovers()).jobs).toBe(8);
    // Left to the holder while its lease runs: not taken by runJob (which marks a job running).
    expect(await db().collection<NotifyJob>(NOTIFY_JOBS).countDocuments({ state: 'queued' })).toBe(
      8,
    );
    // Once the lease (and the lease of the job it then took) has passed, it finishes them.
    const later = new Date(t0.getTime() + 2 * DEFAULT_QUEUE.leaseMs + 1_000);
    for (let round = 0; round < 10 && (await leftovers()).jobs > 0; round++) await next.tick(later);
    expect(await leftovers()).toEqual(EMPTY);
    expect(sortedValues(await reached(list, residents))).toEqual(expected(list));
  }, 120_000);

  it('are told once when two processes race for the same jobs', async () => {
    const list = await queue(
      Array.from({ length: 40 }, (_, k) =>
        job(
          [residents[k % residents.length]!, residents[(k + 1) % residents.length]!],
          k % 4 ? [] : ['staff'],
        ),
      ),
    );
    const policy = { ...DEFAULT_WORKER, jobsPerRound: 40 };
    const other = await testDataPlane(conn);
    for (const id of staff) other.members.add(C, id, ['staff']);
    const a = new NotificationWorker(p, policy);
    const b = new NotificationWorker(other, policy);
    const now = new Date();
    for (let round = 0; round < 20 && (await leftovers()).jobs > 0; round++)
      await Promise.all([a.tick(now), b.tick(now)]);
    expect(await leftovers()).toEqual(EMPTY);
    expect(sortedValues(await reached(list, [...residents, ...staff]))).toEqual(expected(list));
  }, 120_000);

  it('keep a person’s inbox to its bound when one round tells her more than it holds', async () => {
    const her = residents[5]!;
    const list = await queue(Array.from({ length: INBOX_KEEP + 30 }, () => job([her])));
    const worker = new NotificationWorker(p, { ...DEFAULT_WORKER, jobsPerRound: list.length });
    commands.length = 0;
    await worker.tick(new Date());
    // One write for her, however many of the round's jobs name her.
    expect(commands.filter((c) => c === 'update inboxes').length).toBeLessThanOrEqual(1);
    expect(await leftovers()).toEqual(EMPTY);
    const inbox = await listInbox(db(), her, { limit: 100 });
    expect(inbox.items).toHaveLength(INBOX_KEEP);
    // The newest ones, newest first.
    expect(inbox.items[0]!.recordId).toBe(list[list.length - 1]!.recordId);
    expect(inbox.items.map((m) => m.recordId)).not.toContain(list[0]!.recordId);
    const stored = await db()
      .collection<{ _id: string; entries: unknown[] }>('inboxes')
      .findOne({ _id: her });
    expect(stored!.entries.length).toBeLessThanOrEqual(INBOX_KEEP + 20);
  }, 120_000);

  it('go out 150 in one round by default: a busy community’s queue does not grow', async () => {
    const list = await queue(Array.from({ length: 150 }, (_, k) => job([residents[k % 6]!])));
    const done = await new NotificationWorker(p).tick(new Date());
    expect(done.jobs).toBe(150);
    expect(await leftovers()).toEqual(EMPTY);
    expect(sortedValues(await reached(list, residents))).toEqual(expected(list));
  }, 120_000);

  /** Rounds of two batches of 4 people. */
  const twoSmallBatches = {
    ...DEFAULT_WORKER,
    batchesPerRound: 2,
    queue: { ...DEFAULT_QUEUE, batchSize: 4 },
  };

  it('reach at most a round’s batches of people; the rest wait for the next round, unclaimed', async () => {
    // Two jobs of two people each per batch.
    const policy = twoSmallBatches;
    const list = await queue(
      Array.from({ length: 6 }, (_, k) => job([residents[k]!, residents[(k + 1) % 6]!])),
    );
    const worker = new NotificationWorker(p, policy);
    await worker.tick(new Date());
    expect(await leftovers()).toEqual({ ...EMPTY, jobs: 2 });
    const first = await reached(list, residents);
    expect(list.filter((j) => first.get(j.recordId!)!.length > 0)).toHaveLength(4);
    await worker.tick(new Date());
    expect(await leftovers()).toEqual(EMPTY);
    expect(sortedValues(await reached(list, residents))).toEqual(expected(list));
  }, 120_000);

  it('leave half a round to a notice to more people than a batch while small ones keep coming', async () => {
    const policy = twoSmallBatches;
    const everyone = job([], ['resident']);
    const smalls = Array.from({ length: 8 }, (_, k) => job([residents[k % 6]!, staff[k % 2]!]));
    const list = await queue([everyone, ...smalls]);
    const worker = new NotificationWorker(p, policy);
    await worker.tick(new Date());
    // One batch of small jobs (two of them) and the big notice's first batch (four residents).
    expect((await leftovers()).jobs).toBe(1 + 6);
    const first = await reached(list, [...residents, ...staff]);
    expect(first.get(everyone.recordId!)).toHaveLength(4);
    expect(smalls.filter((j) => first.get(j.recordId!)!.length > 0)).toHaveLength(2);
    for (let round = 0; round < 10 && (await leftovers()).jobs > 0; round++)
      await worker.tick(new Date());
    expect(await leftovers()).toEqual(EMPTY);
    const want = expected(list);
    want.set(everyone.recordId!, [...residents].sort());
    expect(sortedValues(await reached(list, [...residents, ...staff]))).toEqual(want);
  }, 120_000);

  it('leave a notice to more people than a batch to the job-by-job path', async () => {
    const policy = { ...DEFAULT_QUEUE, batchSize: 4 };
    const big = job([], ['resident']);
    const small = job([residents[0]!, residents[1]!], ['staff']);
    const split = await smallJobs(p, [big, small], policy);
    expect(split.others.map((j) => j._id)).toEqual([big._id]);
    expect(split.small.map((s) => s.job._id)).toEqual([small._id]);
    const list = await queue([big, small]);
    const worker = new NotificationWorker(p, { ...DEFAULT_WORKER, queue: policy });
    for (let round = 0; round < 10 && (await leftovers()).jobs > 0; round++)
      await worker.tick(new Date());
    expect(await leftovers()).toEqual(EMPTY);
    const want = expected(list);
    want.set(big.recordId!, [...residents].sort());
    expect(sortedValues(await reached(list, [...residents, ...staff]))).toEqual(want);
  }, 120_000);
});

describe('chunks of a batch', () => {
  const s = (n: number) => ({ recipients: Array.from({ length: n }, String) }) as SmallJob;
  it('hold at most a batch of people, a job never split', () => {
    const sizes = (list: SmallJob[][]) => list.map((c) => c.map((x) => x.recipients.length));
    expect(sizes(chunked([s(2), s(2), s(1), s(3), s(4), s(0)], 5))).toEqual([
      [2, 2, 1],
      [3],
      [4, 0],
    ]);
    expect(chunked([], 5)).toEqual([]);
  });
});

// Schedules against the real database: exactly once under two servers on one database (two apps in
// this process, each with its own runner, and two operating-system processes) and across a restart, catch-up after downtime within the
// window and not beyond it, and the community's time zone.
import { injectMongoUri } from '@scene/devdb/testing';
import type { Connection } from 'mongoose';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommunityActor } from '../../control/auth/actor';
import { ADMIN_ACTOR, publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import { runAction } from '../actions/service';
import { readInbox } from '../notifications/inbox';
import { member } from '../records/test-kit';
import { recordCollectionName } from '../records/names';
import { careManifest } from './care-fixture';
import { ScheduleRunner } from './runner';
import { claimKeys } from './store';

const db = useTestDatabase('schedules');
const C = 'c-schedules';
const care = careManifest();
const clock = { now: new Date('2026-03-10T02:05:00Z') }; // 10:05 in Shanghai
const operator: CommunityActor = member(C, ['operator'], 'op');
const servers: TestServer[] = [];
let conn: Connection;
const elders: string[] = [];

async function server(): Promise<TestServer> {
  const t = await startTestServer(conn);
  t.services.dataPlane.now = () => clock.now;
  servers.push(t);
  return t;
}
const records = (collection: string) =>
  conn.db!.collection<{ _id: string } & Record<string, unknown>>(
    recordCollectionName(care.id, collection),
  );
const alerts = (kind: string) =>
  records('alerts')
    .find({ communityId: C, kind }, { projection: { elderId: 1, date: 1 } })
    .toArray();
const run = (t: TestServer, action: string, input: Record<string, unknown>) =>
  runAction(t.services.dataPlane, {
    communityId: C,
    pluginId: care.id,
    action,
    caller: operator,
    input,
  });

beforeAll(async () => {
  conn = db.connection();
  const t = await server();
  await t.services.communities.create(
    { id: C, name: '翠苑', city: '杭州', district: '西湖区', type: 'renovation' },
    'system',
  );
  await publishApproved(t.services, care);
  await t.services.installations.install('system', C, { pluginId: care.id });
  // Installed early on the first day of the test clock (occurrences before it do not count).
  await t.services.models.Installation.updateOne(
    { _id: `${C}:${care.id}` },
    { $set: { installedAt: new Date('2026-03-10T00:00:00Z') } },
  );
  for (let i = 0; i < 12; i++)
    elders.push(
      ((await run(t, 'enrol', { elderName: `老人${i}` })).body.record as { id: string }).id,
    );
});
afterAll(async () => {
  for (const t of servers) await t.close();
});

describe('an at-schedule with an absence rule', () => {
  it('fires exactly once under two servers on one database, each running its runner', async () => {
    const [a, b] = [servers[0]!, await server()];
    // Elders 0–3 checked in before 10:00 local; the other 8 did not.
    clock.now = new Date('2026-03-10T01:00:00Z');
    for (const id of elders.slice(0, 4)) await run(a, 'checkIn', { elderId: id });
    clock.now = new Date('2026-03-10T02:05:00Z');
    await Promise.all([a.services.scheduleRunner.drain(), b.services.scheduleRunner.drain()]);
    const day1 = await alerts('missed');
    expect(day1).toHaveLength(8);
    expect(new Set(day1.map((x) => x.elderId))).toEqual(new Set(elders.slice(4)));
    expect(day1.every((x) => x.date === '2026-03-10')).toBe(true);
    // The owner of each enrolment (the operator who enrolled) was told once per alert.
    expect(await readInbox(conn.db!, operator.accountId)).toHaveLength(8);
    const admin = await sessionFor(a.services, {
      username: 'sched-admin',
      platformRoles: ['admin'],
    });
    const log = await a.call(
      'GET',
      `/api/v1/communities/${C}/schedule-runs?pluginId=${care.id}&schedule=missedCheckIn`,
      { as: admin.token },
    );
    expect(log.status).toBe(200);
    expect(log.json.items).toEqual([
      expect.objectContaining({
        kind: 'at',
        occurrence: '2026-03-10T02:00:00.000Z',
        status: 'done',
        matched: 8,
        acted: 8,
        skipped: 0,
        failed: 0,
      }),
    ]);
  });

  it('two runners working the same occurrence at once still act once per record', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    clock.now = new Date('2026-03-11T02:10:00Z');
    // No lease: each takes the run over from the other at once, in small slices, so both walk
    // the same records concurrently and only the claims keep them apart.
    const opts = { leaseMs: 0, sliceRecords: 3 };
    const r1 = new ScheduleRunner(a.services.dataPlane, a.services.schedules, opts);
    const r2 = new ScheduleRunner(b.services.dataPlane, b.services.schedules, opts);
    await Promise.all([r1.drain(), r2.drain()]);
    const day2 = (await alerts('missed')).filter((x) => x.date === '2026-03-11');
    expect(day2).toHaveLength(12);
    expect(new Set(day2.map((x) => x.elderId)).size).toBe(12);
  });

  it('a restarted process does not fire again', async () => {
    const before = (await alerts('missed')).length;
    clock.now = new Date('2026-03-11T02:40:00Z');
    const restarted = await server();
    await restarted.services.scheduleRunner.drain();
    expect(await alerts('missed')).toHaveLength(before);
  });

  it('catches up after downtime within the window, and not beyond it', async () => {
    const t = servers.at(-1)!;
    // Down from the 11th until 10:30 on the 14th: the 12th and 13th are too old (catchUp PT1H),
    // the 14th is 30 minutes late and still runs.
    clock.now = new Date('2026-03-14T02:30:00Z');
    await t.services.scheduleRunner.drain();
    // 11:30 on the 15th: 90 minutes late, past the window.
    clock.now = new Date('2026-03-15T03:30:00Z');
    await t.services.scheduleRunner.drain();
    const dates = new Set((await alerts('missed')).map((x) => x.date));
    expect([...dates].sort()).toEqual(['2026-03-10', '2026-03-11', '2026-03-14']);
    const log = await conn
      .db!.collection<{ _id: string; status: string }>('sched_runs')
      .find({ communityId: C, schedule: 'missedCheckIn' }, { sort: { occurrence: 1 } })
      .toArray();
    expect(log.map((r) => [r._id.split('|').at(-1), r.status])).toEqual([
      ['2026-03-10', 'done'],
      ['2026-03-11', 'done'],
      ['2026-03-12', 'late'],
      ['2026-03-13', 'late'],
      ['2026-03-14', 'done'],
      ['2026-03-15', 'late'],
    ]);
  });

  it('an operator switches a schedule off and on; off means it does not run', async () => {
    const t = servers[0]!;
    const admin = await sessionFor(t.services, {
      username: 'sched-admin',
      platformRoles: ['admin'],
    });
    const path = `/api/v1/communities/${C}/installations/${care.id}/schedules/missedCheckIn`;
    const off = await t.call('PUT', path, { as: admin.token, body: { enabled: false } });
    expect(off.status).toBe(200);
    expect(off.json.schedules).toMatchObject({ missedCheckIn: false, staleRequest: true });
    clock.now = new Date('2026-03-16T02:05:00Z');
    await t.services.scheduleRunner.drain();
    expect((await alerts('missed')).some((x) => x.date === '2026-03-16')).toBe(false);
    const bad = await t.call('PUT', path.replace('missedCheckIn', 'nope'), {
      as: admin.token,
      body: { enabled: true },
    });
    expect(bad.status).toBe(404);
    const on = await t.call('PUT', path, { as: admin.token, body: { enabled: true } });
    expect(on.json.schedules.missedCheckIn).toBe(true);
    // Switched on at 10:05 on the 17th (real time of the switch is later than the test clock):
    // occurrences before the switch do not count, the next one runs.
    await t.services.models.Installation.updateOne(
      { _id: `${C}:${care.id}` },
      { $set: { 'schedules.missedCheckIn.at': new Date('2026-03-17T02:05:00Z') } },
    );
    t.services.scheduleRunner.invalidate();
    clock.now = new Date('2026-03-18T02:05:00Z');
    await t.services.scheduleRunner.drain();
    const dates = new Set((await alerts('missed')).map((x) => x.date));
    expect(dates.has('2026-03-17')).toBe(false);
    expect(dates.has('2026-03-18')).toBe(true);
  });
});

describe('time zone', () => {
  it('runs at 23:30 and at 00:30 Beijing time fall on their local days', async () => {
    const t = servers[0]!;
    for (const id of ['evening', 'night'])
      await t.services.schedules.set(ADMIN_ACTOR, C, care.id, id, true);
    // The switch time is real time; count occurrences from the 18th on.
    await t.services.models.Installation.updateOne(
      { _id: `${C}:${care.id}` },
      {
        $set: {
          'schedules.evening.at': new Date('2026-03-18T00:00:00Z'),
          'schedules.night.at': new Date('2026-03-18T00:00:00Z'),
        },
      },
    );
    t.services.scheduleRunner.invalidate();
    // 00:45 on the 19th in Shanghai = 16:45 UTC on the 18th.
    clock.now = new Date('2026-03-18T16:45:00Z');
    await t.services.scheduleRunner.drain();
    expect(new Set((await alerts('evening')).map((x) => x.date))).toEqual(new Set(['2026-03-18']));
    expect(new Set((await alerts('night')).map((x) => x.date))).toEqual(new Set(['2026-03-19']));
  });

  it('a daily limit rolls over at local midnight, not at 08:00', async () => {
    const t = servers[0]!;
    const elder = elders[0]!;
    clock.now = new Date('2026-03-19T15:30:00Z'); // 23:30 on the 19th
    await expect(run(t, 'checkIn', { elderId: elder })).resolves.toMatchObject({ status: 201 });
    clock.now = new Date('2026-03-19T16:30:00Z'); // 00:30 on the 20th, UTC still the 19th
    const next = await run(t, 'checkIn', { elderId: elder });
    expect((next.body.record as { date: string }).date).toBe('2026-03-20');
    clock.now = new Date('2026-03-19T23:30:00Z'); // 07:30 on the 20th
    await expect(run(t, 'checkIn', { elderId: elder })).rejects.toMatchObject({
      status: 409,
      details: { code: 'duplicate' },
    });
  });
});

describe('an after-schedule', () => {
  it('escalates a request two hours after creation, once', async () => {
    const t = servers[0]!;
    clock.now = new Date('2026-03-20T01:00:00Z');
    const req = (await run(t, 'ask', { text: '灯坏了' })).body.record as { id: string };
    const status = async () => (await records('requests').findOne({ _id: req.id }))!.status;
    clock.now = new Date('2026-03-20T02:00:00Z');
    await t.services.scheduleRunner.drain();
    expect(await status()).toBe('submitted');
    clock.now = new Date('2026-03-20T03:01:00Z');
    await Promise.all([
      servers[1]!.services.scheduleRunner.drain(),
      t.services.scheduleRunner.drain(),
    ]);
    expect(await status()).toBe('escalated');
    const doc = await records('requests').findOne({ _id: req.id });
    expect(doc!.history).toEqual([
      expect.objectContaining({ transition: 'escalate', by: 'system' }),
    ]);
  });
});

/** One server process of its own (runner-process.fixture.ts) draining its runner at `now`. */
function runnerProcess(now: Date): Promise<string> {
  const fixture = fileURLToPath(new URL('./runner-process.fixture.ts', import.meta.url));
  const args = ['--import', 'tsx', fixture, injectMongoUri(), conn.name, now.toISOString()];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b));
  child.stderr.on('data', (b: Buffer) => (out += b));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(out)))),
  );
}

describe('two operating-system processes', () => {
  it('started at once on one database, they fire each record once', async () => {
    // 10:05 in Shanghai on the 25th: nobody checked in, so every elder is missed, and both
    // processes find the same occurrence due at the same moment.
    const now = new Date('2026-03-25T02:05:00Z');
    const outs = await Promise.all([runnerProcess(now), runnerProcess(now)]);
    const pids = outs.map((o) => (JSON.parse(o.trim().split('\n').at(-1)!) as { pid: number }).pid);
    expect(new Set(pids).size).toBe(2);
    const day = (await alerts('missed')).filter((x) => x.date === '2026-03-25');
    expect(day).toHaveLength(elders.length);
    expect(new Set(day.map((x) => x.elderId))).toEqual(new Set(elders));
    const runs = await conn
      .db!.collection<{ _id: string; status: string; acted: number }>('sched_runs')
      .find({ communityId: C, schedule: 'missedCheckIn' })
      .toArray();
    expect(
      runs.filter((r) => r._id.endsWith('|2026-03-25')).map((r) => [r.status, r.acted]),
    ).toEqual([['done', elders.length]]);
  }, 120_000);
});

describe('record claims', () => {
  it('a batch claims only the keys nobody claimed before, on the real database', async () => {
    const at = new Date();
    expect(await claimKeys(conn.db!, C, ['k|a', 'k|b'], at)).toEqual(new Set(['k|a', 'k|b']));
    expect(await claimKeys(conn.db!, C, ['k|b', 'k|c', 'k|a'], at)).toEqual(new Set(['k|c']));
  });
});

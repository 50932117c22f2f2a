// Journeys of std.elderly-checkin (关爱签到) against the real database, with the plugin installed
// from the registry (publish → review → install) like any vendor's: enrolment with consent, the
// daily check-in, pauses, the missed-check-in schedule (once for a missed elder, never for one who
// checked in or paused) and the alert's follow-up (called → visited → resolved / escalated).
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CommunityActor } from '../../control/auth/actor';
import { publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { startTestServer, type TestServer } from '../../testing/server';
import { listInbox } from '../notifications/service';
import { deleteMyData } from '../privacy/erasure';
import { exportMyData } from '../privacy/service';
import { runQuery } from '../queries/service';
import { recordCollectionName } from '../records/names';
import { loadStandardPlugin, member } from '../records/test-kit';
import { runAction } from './service';

const db = useTestDatabase('elderly_checkin');
const C = 'c-care-checkin';
const care = loadStandardPlugin('elderly-checkin');
const clock = { now: new Date('2026-03-10T00:30:00Z') }; // 08:30 in Shanghai
let t: TestServer;
let conn: Connection;

async function join(roles: ['resident' | 'staff' | 'operator'], name: string) {
  const actor = member(C, roles, name);
  // Through the service, which also lists the community under the person (erasure reads it).
  await t.services.members.ensure(C, actor.accountId, roles[0]);
  return actor;
}
const act = (caller: CommunityActor, action: string, input = {}, recordId?: string) =>
  runAction(t.services.dataPlane, {
    communityId: C,
    pluginId: care.id,
    action,
    caller,
    input,
    recordId,
  });
const query = (caller: CommunityActor, name: string, params: Record<string, string> = {}) =>
  runQuery(t.services.dataPlane, {
    communityId: C,
    pluginId: care.id,
    query: name,
    caller,
    params,
  });
const alerts = () =>
  conn
    .db!.collection<Record<string, unknown>>(recordCollectionName(care.id, 'alerts'))
    .find({ communityId: C })
    .toArray();
const idOf = (r: { body: { record?: unknown } }) => (r.body.record as { id: string }).id;
const selfEnrol = (elder: CommunityActor, name: string) =>
  act(elder, 'enrolSelf', { elderName: name, phone: '13800001111', consent: true });

let worker: CommunityActor;
let operator: CommunityActor;
let wang: CommunityActor; // checks in
let li: CommunityActor; // forgets
let zhao: CommunityActor; // away, paused
let chen: CommunityActor; // enrolled by the grid worker, checked in for by phone
const enrolments: Record<string, string> = {};

beforeAll(async () => {
  conn = db.connection();
  t = await startTestServer(conn);
  t.services.dataPlane.now = () => clock.now;
  await t.services.communities.create(
    { id: C, name: '翠苑', city: '杭州', district: '西湖区', type: 'renovation' },
    'system',
  );
  await publishApproved(t.services, care);
  await t.services.installations.install('system', C, { pluginId: care.id });
  await t.services.models.Installation.updateOne(
    { _id: `${C}:${care.id}` },
    { $set: { installedAt: new Date('2026-03-09T00:00:00Z') } },
  );
  worker = await join(['staff'], 'grid');
  operator = await join(['operator'], 'op');
  wang = await join(['resident'], 'wang');
  li = await join(['resident'], 'li');
  zhao = await join(['resident'], 'zhao');
  chen = await join(['resident'], 'chen');
});
afterAll(async () => {
  await t.close();
});

describe('enrolment with consent', () => {
  it('an elder joins with their own consent, once; the grid worker sees the contact in clear', async () => {
    await expect(
      act(wang, 'enrolSelf', { elderName: '王秀英', phone: '13800001111' }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      act(wang, 'enrolSelf', { elderName: '王秀英', phone: '13800001111', consent: false }),
    ).rejects.toMatchObject({ status: 400 });
    const r = await selfEnrol(wang, '王秀英');
    expect(r.status).toBe(201);
    const rec = r.body.record as Record<string, unknown>;
    expect(rec).toMatchObject({
      elderUserId: wang.accountId,
      consentMethod: 'app',
      status: 'active',
    });
    expect(rec.consentAt).toEqual(expect.any(String));
    enrolments.wang = idOf(r);
    await expect(selfEnrol(wang, '王秀英')).rejects.toMatchObject({ status: 409 });
    enrolments.li = idOf(await selfEnrol(li, '李国华'));
    enrolments.zhao = idOf(await selfEnrol(zhao, '赵德明'));

    const roster = await query(worker, 'roster');
    const items = (roster as { items: Record<string, unknown>[] }).items;
    expect(items.find((x) => x.id === enrolments.wang)).toMatchObject({ phone: '13800001111' });
    // Another resident reads nobody else's enrolment; the operator reads masked.
    const others = (await query(li, 'myEnrolment')) as { items: { id: string }[] };
    expect(others.items.map((x) => x.id)).toEqual([enrolments.li]);
    const masked = (await query(operator, 'roster')) as { items: Record<string, unknown>[] };
    expect(masked.items.find((x) => x.id === enrolments.wang)?.phone).not.toBe('13800001111');
  });

  it('the grid worker enrols an elder with how consent was given; a resident cannot', async () => {
    const input = {
      elderUserId: chen.accountId,
      elderName: '陈阿婆',
      phone: '13900002222',
      address: '3幢1单元102',
      consentMethod: 'inPerson',
      consentNote: '3月9日上门时本人口头同意，女儿在场',
      consent: true,
    };
    await expect(act(li, 'enrol', input)).rejects.toMatchObject({ status: 403 });
    await expect(act(worker, 'enrol', { ...input, consentNote: undefined })).rejects.toMatchObject({
      status: 400,
    });
    const r = await act(worker, 'enrol', input);
    expect(r.body.record).toMatchObject({
      consentMethod: 'inPerson',
      consentRecordedBy: worker.accountId,
    });
    enrolments.chen = idOf(r);
  });
});

describe('the daily check-in', () => {
  it('an elder checks in once a day, only on their own enrolment', async () => {
    const before = (await query(wang, 'myEnrolment')) as { items: Record<string, unknown>[] };
    expect(before.items[0]).toMatchObject({ id: enrolments.wang, checkedInToday: 0 });
    const r = await act(wang, 'checkIn', { enrolmentId: enrolments.wang });
    expect(r.body.record).toMatchObject({ date: '2026-03-10', method: 'app' });
    // The home card hides its button once today's check-in is done (counted per local day).
    const after = (await query(wang, 'myEnrolment')) as { items: Record<string, unknown>[] };
    expect(after.items[0]).toMatchObject({ id: enrolments.wang, checkedInToday: 1 });
    await expect(act(wang, 'checkIn', { enrolmentId: enrolments.wang })).rejects.toMatchObject({
      status: 409,
    });
    // Checking in on someone else's enrolment is refused and writes nothing.
    await expect(act(wang, 'checkIn', { enrolmentId: enrolments.li })).rejects.toMatchObject({
      status: 404,
    });
    const today = (await query(wang, 'myToday')) as { items: unknown[] };
    expect(today.items).toHaveLength(1);
    expect(((await query(li, 'myToday')) as { items: unknown[] }).items).toHaveLength(0);
  });

  it('the grid worker confirms an elder by phone', async () => {
    const r = await act(worker, 'checkInFor', { enrolmentId: enrolments.chen, method: 'phone' });
    expect(r.body.record).toMatchObject({ method: 'phone', date: '2026-03-10' });
    await expect(
      act(chen, 'checkInFor', { enrolmentId: enrolments.chen, method: 'phone' }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('an elder away from home pauses; a pause of someone else is refused', async () => {
    await expect(
      act(li, 'pause', { pausedFrom: '2026-03-10', pausedUntil: '2026-03-12' }, enrolments.zhao),
    ).rejects.toMatchObject({ status: 404 });
    const r = await act(
      zhao,
      'pause',
      { pausedFrom: '2026-03-10', pausedUntil: '2026-03-12', pauseReason: '去杭州女儿家' },
      enrolments.zhao,
    );
    expect(r.body.record).toMatchObject({ pausedFrom: '2026-03-10', pausedUntil: '2026-03-12' });
  });
});

describe('the missed check-in schedule and the alert', () => {
  it('at 10:00 fires once for the elder who did not check in, never for one who did or paused', async () => {
    clock.now = new Date('2026-03-10T02:05:00Z'); // 10:05 local
    await t.services.scheduleRunner.drain();
    await t.services.scheduleRunner.drain();
    const day1 = await alerts();
    expect(day1.map((a) => a.enrolmentId)).toEqual([enrolments.li]);
    expect(day1[0]).toMatchObject({
      date: '2026-03-10',
      kind: 'missed',
      status: 'open',
      elderName: '李国华',
    });
    // A notice to a role goes out through the background worker: wait for it to arrive.
    const careInbox = await vi.waitFor(
      async () => {
        const inbox = await listInbox(conn.db!, worker.accountId, { communityId: C });
        const items = inbox.items.filter((m) => m.pluginId === care.id);
        expect(items).toHaveLength(1);
        return items;
      },
      { timeout: 30_000, interval: 250 },
    );
    expect(careInbox[0]).toMatchObject({ view: 'alerts' });
  });

  it('the next day the paused elder is still skipped; after resuming they are alerted again', async () => {
    clock.now = new Date('2026-03-11T01:00:00Z');
    await act(zhao, 'resume', {}, enrolments.zhao);
    await act(wang, 'checkIn', { enrolmentId: enrolments.wang });
    await act(li, 'checkIn', { enrolmentId: enrolments.li });
    await act(chen, 'checkIn', { enrolmentId: enrolments.chen });
    clock.now = new Date('2026-03-11T02:05:00Z');
    await t.services.scheduleRunner.drain();
    const day2 = (await alerts()).filter((a) => a.date === '2026-03-11');
    expect(day2.map((a) => a.enrolmentId)).toEqual([enrolments.zhao]);
  });

  it('staff follow up: called → visited → resolved with notes; escalation tells the operator', async () => {
    const [first, second] = (await alerts()).sort((a, b) =>
      String(a.date).localeCompare(String(b.date)),
    );
    const id = String(first!._id);
    await expect(act(li, 'call', { callNote: 'x' }, id)).rejects.toMatchObject({ status: 403 });
    await expect(act(worker, 'call', {}, id)).rejects.toMatchObject({ status: 400 });
    await act(worker, 'call', { callNote: '电话无人接听' }, id);
    await act(worker, 'visit', { visitNote: '上门敲门，老人在家午睡，身体无恙' }, id);
    await expect(act(worker, 'call', { callNote: '再打' }, id)).rejects.toMatchObject({
      status: 409,
    });
    const done = await act(worker, 'resolve', { resolution: '老人平安，提醒每天签到' }, id);
    expect(done.body.record).toMatchObject({
      status: 'resolved',
      callNote: '电话无人接听',
      visitNote: '上门敲门，老人在家午睡，身体无恙',
      handledBy: worker.accountId,
    });
    expect((done.body.record as { resolvedAt?: string }).resolvedAt).toEqual(expect.any(String));

    await act(worker, 'escalate', { escalation: '联系不上老人和紧急联系人' }, String(second!._id));
    await vi.waitFor(
      async () => {
        const opInbox = await listInbox(conn.db!, operator.accountId, { communityId: C });
        expect(opInbox.items.some((m) => m.pluginId === care.id && m.view === 'alert')).toBe(true);
      },
      { timeout: 30_000, interval: 250 },
    );
  });

  it('the grid worker pauses, resumes, ends and re-opens for an elder; a resident ends only their own', async () => {
    clock.now = new Date('2026-03-12T01:00:00Z');
    const paused = await act(
      worker,
      'pauseFor',
      { pausedFrom: '2026-03-12', pausedUntil: '2026-03-20' },
      enrolments.chen,
    );
    expect(paused.body.record).toMatchObject({ pausedUntil: '2026-03-20' });
    const resumed = await act(worker, 'resumeFor', {}, enrolments.chen);
    expect(resumed.body.record).toMatchObject({ pausedUntil: '2026-03-11' });
    await expect(act(li, 'leave', {}, enrolments.wang)).rejects.toMatchObject({ status: 404 });
    const left = await act(wang, 'leave', {}, enrolments.wang);
    expect(left.body.record).toMatchObject({ status: 'ended' });
    // An ended enrolment takes no check-in and raises no alert.
    await expect(act(wang, 'checkIn', { enrolmentId: enrolments.wang })).rejects.toMatchObject({
      status: 409,
    });
    await expect(act(wang, 'rejoin', {}, enrolments.wang)).rejects.toMatchObject({ status: 403 });
    const back = await act(worker, 'rejoin', {}, enrolments.wang);
    expect(back.body.record).toMatchObject({ status: 'active' });
  });

  it('operators read the declared figures per day', async () => {
    const m = await t.call(
      'GET',
      `/api/v1/communities/${C}/plugins/${care.id}/queries/checkinsByDay?from=2026-03-10&to=2026-03-12`,
      {},
    );
    expect([401, 403]).toContain(m.status);
    const figures = (await query(operator, 'checkinsByDay', {
      from: '2026-03-10',
      to: '2026-03-12',
    })) as {
      rows: { bucket: string; count: number }[];
    };
    expect(figures.rows).toEqual([
      expect.objectContaining({ bucket: '2026-03-10', count: 2 }),
      expect.objectContaining({ bucket: '2026-03-11', count: 3 }),
    ]);
  });
});

describe('their data (PIPL): records others wrote about an elder are hers', () => {
  const enrolmentsCol = () =>
    conn.db!.collection<Record<string, unknown>>(recordCollectionName(care.id, 'enrolments'));

  it('a grid worker who erases their data leaves the enrolments and alerts they wrote, naming nobody', async () => {
    const before = await enrolmentsCol().findOne({ _id: enrolments.chen as never });
    expect(before).toMatchObject({
      createdBy: worker.accountId,
      consentRecordedBy: worker.accountId,
    });
    const handled = (await alerts()).filter((a) => a.handledBy === worker.accountId);
    expect(handled.length).toBeGreaterThan(0);

    const report = await deleteMyData(t.services.dataPlane, worker.accountId);
    // Everything the worker wrote here is about an elder: nothing of theirs is deleted.
    expect(report.records).toBe(0);
    expect(report.unlinked).toBeGreaterThanOrEqual(1 + handled.length);
    const after = await enrolmentsCol().findOne({ _id: enrolments.chen as never });
    expect(after).toMatchObject({ elderName: '陈阿婆', elderUserId: chen.accountId });
    expect(JSON.stringify(after)).not.toContain(worker.accountId);
    for (const a of handled) {
      const kept = (await alerts()).find((x) => x._id === a._id);
      expect(kept).toBeDefined();
      expect(JSON.stringify(kept)).not.toContain(worker.accountId);
    }
  });

  it('the elder’s copy of her data includes what others wrote about her, and erasing it erases them', async () => {
    const copy = await exportMyData(t.services.dataPlane, li.accountId);
    const theirs = copy.records.filter((r) => r.about);
    expect(theirs.map((r) => r.collection)).toContain('alerts');
    expect(theirs.every((r) => r.record.elderUserId === li.accountId)).toBe(true);
    const chenCopy = await exportMyData(t.services.dataPlane, chen.accountId);
    expect(chenCopy.records.filter((r) => r.about).map((r) => r.record.id)).toContain(
      enrolments.chen,
    );

    const report = await deleteMyData(t.services.dataPlane, li.accountId);
    expect(report.about).toBe(theirs.length);
    expect((await alerts()).filter((a) => a.elderUserId === li.accountId)).toEqual([]);
    // Another elder's records stay.
    expect(await enrolmentsCol().findOne({ _id: enrolments.chen as never })).not.toBeNull();
    const chenCheckins = () =>
      conn
        .db!.collection(recordCollectionName(care.id, 'checkins'))
        .countDocuments({ elderUserId: chen.accountId });
    // The worker's phone confirmation and her own check-in, both about her.
    expect(await chenCheckins()).toBe(2);
    const chenReport = await deleteMyData(t.services.dataPlane, chen.accountId);
    expect(chenReport.about).toBe(2);
    expect(chenReport.records).toBe(1);
    expect(await enrolmentsCol().findOne({ _id: enrolments.chen as never })).toBeNull();
    expect(await chenCheckins()).toBe(0);
  });
});

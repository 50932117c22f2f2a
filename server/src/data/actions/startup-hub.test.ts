// Journeys of std.startup-hub (青创空间) against the real database through the HTTP API, the
// plugin installed from the registry like any vendor's: a desk application reviewed by the hub
// manager (approve with a desk and an end date, waitlist, decline with a reason), the applicant's
// phone in clear only for the manager, the end-date reminder and end, ending early; shared desks
// by the day (the last place raced by twenty, one a day, opening and deadlines) and check-in by
// the code the resident shows; the daily desk count and the figures; every refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ACTOR, publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import { listInbox } from '../notifications/service';
import { loadStandardPlugin } from '../records/test-kit';

const db = useTestDatabase('startup_hub');
const C = 'c-hub';
const OTHER = 'c-hub-other';
const plugin = loadStandardPlugin('startup-hub');
const base = (c = C) => `/api/v1/communities/${c}/plugins/${plugin.id}`;
const clock = { now: new Date('2026-03-10T00:30:00Z') }; // Tuesday 08:30 in Shanghai
type Person = { token: string; accountId: string };
type Row = Record<string, unknown>;
type Answer = { status: number; json: { error: { details?: { code?: string } } } };
let t: TestServer;
let manager: Person;
let op: Person;
let outsider: Person; // staff (so hub manager) of the other community
let stranger: Person; // a resident who applied for nothing
const applicants: Person[] = [];
const racers: Person[] = [];
const membership: string[] = [];

async function join(c: string, username: string, role: 'resident' | 'staff' | 'operator') {
  const p = await sessionFor(t.services, { username });
  await t.services.members.ensure(c, p.accountId, role);
  return p;
}
const act = (who: Person, action: string, body: Record<string, unknown>, c = C) =>
  t.call('POST', `${base(c)}/actions/${action}`, { as: who.token, body });
const query = (who: Person, name: string, qs = '') =>
  t.call('GET', `${base()}/queries/${name}${qs}`, { as: who.token });
const items = async (who: Person, name: string) => (await query(who, name)).json.items as Row[];
const inboxTitles = async (who: Person) => {
  await t.services.dataPlane.notifications.drain();
  return (await listInbox(db.connection().db!, who.accountId, { communityId: C })).items
    .filter((m) => m.pluginId === plugin.id)
    .map((m) => m.title['zh-CN']);
};
const refusal = (r: Answer) => [r.status, r.json.error.details?.code];
const application = (i: number) => ({
  projectName: `项目${i}`,
  summary: '社区青年的小项目',
  teamSize: 2,
  monthsWanted: 3,
  phone: `1380013000${i}`,
});
const runSchedules = async () => {
  await t.services.scheduleRunner.drain();
  await t.services.scheduleRunner.drain();
};

async function install(c: string, admin: Person) {
  await t.call('POST', '/api/v1/communities', {
    as: admin.token,
    body: { id: c, name: c, city: '杭州', district: '上城区', type: 'renovation' },
  });
  const installed = await t.call('POST', `/api/v1/communities/${c}/installations`, {
    as: admin.token,
    body: { pluginId: plugin.id, acceptPermissions: ['notify:send', 'pii:read'] },
  });
  expect(installed.status).toBe(201);
  const current = await t.services.installations.get(c, plugin.id);
  await t.services.installations.update(ADMIN_ACTOR, c, plugin.id, {
    config: { ...current.config, hotAreas: [{ id: 'open', label: '开放工位区', places: 3 }] },
  });
  await t.services.models.Installation.updateOne(
    { _id: `${c}:${plugin.id}` },
    { $set: { installedAt: new Date('2026-03-09T00:00:00Z') } },
  );
}

beforeAll(async () => {
  t = await startTestServer(db.connection());
  t.services.dataPlane.now = () => clock.now;
  const admin = await sessionFor(t.services, { username: 'hub-admin', platformRoles: ['admin'] });
  await publishApproved(t.services, plugin);
  await install(C, admin);
  await install(OTHER, admin);
  manager = await join(C, 'hub-manager', 'staff');
  op = await join(C, 'hub-op', 'operator');
  outsider = await join(OTHER, 'hub-outsider', 'staff');
  stranger = await join(C, 'hub-stranger', 'resident');
  for (let i = 0; i < 4; i++) applicants.push(await join(C, `hub-applicant-${i}`, 'resident'));
  for (let i = 0; i < 20; i++) racers.push(await join(C, `hub-racer-${i}`, 'resident'));
});
afterAll(() => t.close());

describe('applying for a fixed desk', () => {
  it('a resident applies; the server names the applicant; the managers are told', async () => {
    const r = await act(applicants[0]!, 'apply', { input: application(0) });
    expect(r.status).toBe(201);
    expect(r.json.record).toMatchObject({
      status: 'applied',
      applicantName: 'hub-applicant-0',
      phone: '13800130000',
    });
    membership[0] = r.json.record.id;
    expect(await inboxTitles(manager)).toContain('有新的青创工位申请待审核');
    expect((await query(manager, 'toReview')).json.count).toBe(1);
  });

  it('refuses bad input and a second live application; nothing is written', async () => {
    const badPhone = await act(applicants[0]!, 'apply', {
      input: { ...application(0), phone: '12345' },
    });
    expect(badPhone.status).toBe(400);
    const tooMany = await act(applicants[0]!, 'apply', {
      input: { ...application(0), teamSize: 99 },
    });
    expect(tooMany.status).toBe(400);
    const forged = await act(applicants[0]!, 'apply', {
      input: { ...application(0), desk: 'a01' },
    });
    expect(forged.status).toBe(400);
    const second = await act(applicants[0]!, 'apply', { input: application(0) });
    expect(refusal(second)).toEqual([409, 'capacity_full']);
    expect((await items(applicants[0]!, 'myMemberships')).map((m) => m.id)).toEqual([
      membership[0],
    ]);
  });

  it('the phone and name are clear to the manager, masked for the operator, unseen by others', async () => {
    const forManager = (await items(manager, 'applications')).find((m) => m.id === membership[0])!;
    expect(forManager).toMatchObject({ phone: '13800130000', applicantName: 'hub-applicant-0' });
    const forOperator = (await items(op, 'applications')).find((m) => m.id === membership[0])!;
    expect(forOperator.phone).not.toBe('13800130000');
    expect(String(forOperator.phone)).toContain('****');
    expect(forOperator.applicantName).not.toBe('hub-applicant-0');
    expect(forOperator.projectName).toBe('项目0');
    expect((await query(stranger, 'applications')).status).toBe(403);
    expect(await items(stranger, 'myMemberships')).toEqual([]);
  });
});

describe('the manager reviews', () => {
  it('a resident cannot approve; another community cannot touch the application', async () => {
    const input = { desk: 'a01', endDate: '2026-03-20' };
    expect((await act(applicants[0]!, 'approve', { recordId: membership[0], input })).status).toBe(
      403,
    );
    expect((await act(stranger, 'approve', { recordId: membership[0], input })).status).toBe(403);
    const fromOther = await act(outsider, 'approve', { recordId: membership[0], input }, OTHER);
    expect(fromOther.status).toBe(404);
    expect((await act(outsider, 'approve', { recordId: membership[0], input })).status).toBe(403);
    const row = (await items(applicants[0]!, 'myMemberships'))[0]!;
    expect(row.status).toBe('applied');
  });

  it('approves with a desk from config and an end date; the applicant is told', async () => {
    const unknownDesk = await act(manager, 'approve', {
      recordId: membership[0],
      input: { desk: 'z99', endDate: '2026-03-20' },
    });
    expect(unknownDesk.status).toBe(400);
    const noDate = await act(manager, 'approve', {
      recordId: membership[0],
      input: { desk: 'a01' },
    });
    expect(noDate.status).toBe(400);
    const ok = await act(manager, 'approve', {
      recordId: membership[0],
      input: { desk: 'a01', endDate: '2026-03-20' },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.record).toMatchObject({
      status: 'approved',
      desk: 'a01',
      endDate: '2026-03-20',
    });
    expect(await inboxTitles(applicants[0]!)).toContain('青创工位申请已通过');
    const again = await act(manager, 'approve', {
      recordId: membership[0],
      input: { desk: 'a02', endDate: '2026-03-20' },
    });
    expect(refusal(again)).toEqual([409, 'invalid_state']);
  });

  it('a taken desk is refused; the waitlist, then another desk', async () => {
    membership[1] = (await act(applicants[1]!, 'apply', { input: application(1) })).json.record.id;
    const taken = await act(manager, 'approve', {
      recordId: membership[1],
      input: { desk: 'a01', endDate: '2026-06-30' },
    });
    expect(refusal(taken)).toEqual([409, 'capacity_full']);
    const waiting = await act(manager, 'waitlist', { recordId: membership[1] });
    expect(waiting.json.record.status).toBe('waitlisted');
    expect(await inboxTitles(applicants[1]!)).toContain('固定工位暂满，您的申请已列入候补');
    const ok = await act(manager, 'approve', {
      recordId: membership[1],
      input: { desk: 'a02', endDate: '2026-06-30' },
    });
    expect(ok.json.record).toMatchObject({ status: 'approved', desk: 'a02' });
  });

  it('declines only with a reason, which the applicant reads; then she may apply again and withdraw', async () => {
    membership[2] = (await act(applicants[2]!, 'apply', { input: application(2) })).json.record.id;
    const silent = await act(manager, 'decline', { recordId: membership[2], input: {} });
    expect(silent.status).toBe(400);
    const declined = await act(manager, 'decline', {
      recordId: membership[2],
      input: { declineReason: '项目与社区服务关系不大，欢迎先预约共享工位。' },
    });
    expect(declined.json.record.status).toBe('declined');
    expect(await inboxTitles(applicants[2]!)).toContain('青创工位申请未通过');
    const mine = (await items(applicants[2]!, 'myMemberships'))[0]!;
    expect(mine.declineReason).toBe('项目与社区服务关系不大，欢迎先预约共享工位。');
    const anew = await act(applicants[2]!, 'apply', { input: application(2) });
    expect(anew.status).toBe(201);
    expect((await act(applicants[1]!, 'withdraw', { recordId: anew.json.record.id })).status).toBe(
      404,
    );
    const withdrawn = await act(applicants[2]!, 'withdraw', { recordId: anew.json.record.id });
    expect(withdrawn.json.record.status).toBe('withdrawn');
  });
});

describe('the membership over time', () => {
  it('counts the desks in use each morning, once', async () => {
    clock.now = new Date('2026-03-11T00:00:00Z'); // 08:00 on 11 March
    await runSchedules();
    await runSchedules();
    const metric = await t.call(
      'GET',
      `${base()}/metrics/desksOccupied?from=2026-03-11&to=2026-03-12`,
      { as: op.token },
    );
    expect(metric.status).toBe(200);
    expect(metric.json.total).toMatchObject({ count: 2 });
  });

  it('a member ends early: the desk is free and the managers are told', async () => {
    expect((await act(applicants[0]!, 'leave', { recordId: membership[1] })).status).toBe(404);
    const left = await act(applicants[1]!, 'leave', { recordId: membership[1] });
    expect(left.json.record.status).toBe('ended');
    expect(left.json.record.endedAt).toBe('2026-03-11T00:00:00.000Z');
    expect(await inboxTitles(manager)).toContain('有成员提前结束了固定工位');
    membership[3] = (await act(applicants[3]!, 'apply', { input: application(3) })).json.record.id;
    const reuse = await act(manager, 'approve', {
      recordId: membership[3],
      input: { desk: 'a02', endDate: '2026-09-30' },
    });
    expect(reuse.json.record.status).toBe('approved');
  });

  it('reminds the member 7 days before the end date, once', async () => {
    expect(await inboxTitles(applicants[0]!)).not.toContain('您的青创工位 7 天后到期');
    clock.now = new Date('2026-03-13T01:05:00Z'); // 09:05 on 13 March, the end is 20 March
    await runSchedules();
    await runSchedules();
    const titles = await inboxTitles(applicants[0]!);
    expect(titles.filter((x) => x === '您的青创工位 7 天后到期')).toHaveLength(1);
    expect(await inboxTitles(applicants[3]!)).not.toContain('您的青创工位 7 天后到期');
  });

  it('ends after the end date, once, tells the member and frees the desk', async () => {
    clock.now = new Date('2026-03-20T15:00:00Z'); // 23:00 on the end date: still a member
    await runSchedules();
    expect((await items(applicants[0]!, 'myMemberships'))[0]!.status).toBe('approved');
    clock.now = new Date('2026-03-20T16:05:00Z'); // 00:05 on 21 March
    await runSchedules();
    await runSchedules();
    expect((await items(applicants[0]!, 'myMemberships'))[0]!.status).toBe('ended');
    const titles = await inboxTitles(applicants[0]!);
    expect(titles.filter((x) => x === '您的青创工位已到期')).toHaveLength(1);
    // The member with a later end date keeps her desk; a01 can be given again.
    expect((await items(applicants[3]!, 'myMemberships'))[0]!.status).toBe('approved');
    const next = await act(applicants[0]!, 'apply', { input: application(0) });
    const ok = await act(manager, 'approve', {
      recordId: next.json.record.id,
      input: { desk: 'a01', endDate: '2026-06-30' },
    });
    expect(ok.json.record.status).toBe('approved');
  });
});

describe('shared desks by the day', () => {
  const DAY = '2026-03-24';
  let first = '';

  it('books a place with a code; one a day; not too early, not past the day', async () => {
    clock.now = new Date('2026-03-22T00:30:00Z'); // Sunday 22 March, 08:30
    const r = await act(stranger, 'book', { input: { area: 'open', date: DAY } });
    expect(r.status).toBe(201);
    expect(r.json.record).toMatchObject({ status: 'booked', bookerName: 'hub-stranger' });
    expect(r.json.record.code).toMatch(/^\d{6}$/);
    first = r.json.record.id;
    const twice = await act(stranger, 'book', { input: { area: 'open', date: DAY } });
    expect(refusal(twice)).toEqual([409, 'capacity_full']);
    expect(twice.json.error).toMatchObject({
      details: { message: { 'zh-CN': '这一天您已经预约了共享工位。' } },
    });
    const early = await act(stranger, 'book', { input: { area: 'open', date: '2026-03-30' } });
    expect(refusal(early)).toEqual([409, 'not_open_yet']);
    const past = await act(stranger, 'book', { input: { area: 'open', date: '2026-03-21' } });
    expect(refusal(past)).toEqual([409, 'deadline_passed']);
    const unknown = await act(stranger, 'book', { input: { area: 'vip', date: DAY } });
    expect(unknown.status).toBe(400);
    const forged = await act(stranger, 'book', {
      input: { area: 'open', date: '2026-03-25', status: 'checkedIn' },
    });
    expect(forged.status).toBe(400);
    expect((await items(stranger, 'myDeskDays')).map((b) => b.id)).toEqual([first]);
    const outsiderBooks = await act(outsider, 'book', { input: { area: 'open', date: DAY } });
    expect(outsiderBooks.status).toBe(403);
  });

  it('twenty residents race for the last place: exactly one gets it', async () => {
    expect((await act(applicants[0]!, 'book', { input: { area: 'open', date: DAY } })).status).toBe(
      201,
    );
    const answers = await Promise.all(
      racers.map((r) => act(r, 'book', { input: { area: 'open', date: DAY } })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 201))
      expect(refusal(a)).toEqual([409, 'capacity_full']);
    const places = (await query(stranger, 'hotPlaces')).json;
    expect(JSON.stringify(places)).toMatch(/"used":3/);
  });

  it('a cancel frees the place for the next resident', async () => {
    expect((await act(applicants[0]!, 'cancel', { recordId: first })).status).toBe(404);
    const cancelled = await act(stranger, 'cancel', { recordId: first });
    expect(cancelled.json.record.status).toBe('cancelled');
    const late = await act(applicants[1]!, 'book', { input: { area: 'open', date: DAY } });
    expect(late.status).toBe(201);
    const full = await act(applicants[2]!, 'book', { input: { area: 'open', date: DAY } });
    expect(refusal(full)).toEqual([409, 'capacity_full']);
  });

  it('on the day: no cancel after cancelBy; the manager checks in by the code shown', async () => {
    clock.now = new Date('2026-03-24T01:30:00Z'); // 09:30 on the day
    const booking = (await items(applicants[1]!, 'myDeskDays')).find((b) => b.date === DAY)!;
    const tooLate = await act(applicants[1]!, 'cancel', { recordId: booking.id });
    expect(refusal(tooLate)).toEqual([409, 'deadline_passed']);
    // The manager's list names today's bookers and never shows codes.
    const today = await items(manager, 'today');
    expect(today).toHaveLength(3);
    expect(today.every((b) => b.code === undefined)).toBe(true);
    expect(today.map((b) => b.bookerName)).toContain('hub-applicant-1');
    const forOperator = await items(op, 'today');
    expect(forOperator.map((b) => b.bookerName)).not.toContain('hub-applicant-1');
    // A code of another day, an unknown code, a resident at the counter: refused.
    const tomorrow = await act(applicants[3]!, 'book', {
      input: { area: 'open', date: '2026-03-25' },
    });
    const otherDay = await act(manager, 'checkIn', { input: { code: tomorrow.json.record.code } });
    expect(refusal(otherDay)).toEqual([409, 'not_within']);
    const known = new Set([tomorrow.json.record.code, booking.code]);
    const unknownCode = ['000000', '999999', '123456'].find((c) => !known.has(c))!;
    expect(refusal(await act(manager, 'checkIn', { input: { code: unknownCode } }))).toEqual([
      404,
      'no_such_code',
    ]);
    const byResident = await act(applicants[1]!, 'checkIn', { input: { code: booking.code } });
    expect(byResident.status).toBe(403);
    const ok = await act(manager, 'checkIn', { input: { code: booking.code } });
    expect(ok.status).toBe(200);
    expect(ok.json.record).toMatchObject({
      status: 'checkedIn',
      bookerName: 'hub-applicant-1',
      checkedInAt: '2026-03-24T01:30:00.000Z',
    });
    const twice = await act(manager, 'checkIn', { input: { code: booking.code } });
    expect(refusal(twice)).toEqual([409, 'invalid_state']);
    // A second check-in that day, so the day's figure is not a group too small to show.
    const other = today.find((b) => b.bookerName === 'hub-applicant-0')!;
    expect(other).toBeDefined();
    const code0 = (await items(applicants[0]!, 'myDeskDays')).find((b) => b.date === DAY)!.code;
    expect((await act(manager, 'checkIn', { input: { code: code0 } })).status).toBe(200);
  });

  it('operators read the figures; residents cannot', async () => {
    expect((await query(stranger, 'hotDeskDays')).status).toBe(403);
    const metric = (id: string) =>
      t.call('GET', `${base()}/metrics/${id}?from=2026-03-01&to=2026-03-31`, { as: op.token });
    const used = await metric('hotDeskDays');
    expect(used.status).toBe(200);
    expect(used.json.total).toMatchObject({ count: 2 });
    const applications = await metric('applications');
    expect(applications.json.total.count).toBe(6);
  });
});

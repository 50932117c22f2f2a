// Journeys of std.shared-spaces (共享空间预约) against the real database through the HTTP API,
// the plugin installed from the registry like any vendor's: residents book a slot within a
// space's opening hours (one booking per slot, raced; hours per household per week), spaces that
// need it are approved by staff, check-in by the resident's code or the staff's confirmation,
// cancel until the slot starts, the reminder an hour before and no-shows after the slot.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN_ACTOR, publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import { listInbox } from '../notifications/service';
import { loadStandardPlugin } from '../records/test-kit';

const db = useTestDatabase('shared_spaces');
const C = 'c-spaces';
const OTHER = 'c-spaces-other';
const plugin = loadStandardPlugin('shared-spaces');
const base = (c = C) => `/api/v1/communities/${c}/plugins/${plugin.id}`;
const clock = { now: new Date('2026-03-10T01:00:00Z') }; // Tuesday 09:00 in Shanghai
type Person = { token: string; accountId: string };
type Row = Record<string, unknown>;
let t: TestServer;
let staff: Person;
let op: Person;
let outsider: Person; // staff of the other community
let limited: Person; // books up to the weekly hours
const residents: Person[] = [];
let studyBooking = ''; // residents[0]: the study room, 11 March 10:00–12:00
let courtWinner = -1; // who (of residents 1–5) won the raced court slot, 11 March 18:00
let courtBooking = '';
let roomBooking = ''; // residents[2]: the room (approval), 11 March 19:00

async function join(c: string, username: string, role: 'resident' | 'staff' | 'operator') {
  const p = await sessionFor(t.services, { username });
  await t.services.members.ensure(c, p.accountId, role);
  return p;
}
const act = (who: Person, action: string, body: Record<string, unknown>, c = C) =>
  t.call('POST', `${base(c)}/actions/${action}`, { as: who.token, body });
const book = (who: Person, input: Record<string, unknown>) => act(who, 'book', { input });
const query = (who: Person, name: string, qs = '') =>
  t.call('GET', `${base()}/queries/${name}${qs}`, { as: who.token });
const mine = async (who: Person) => (await query(who, 'myBookings')).json.items as Row[];
const inboxTitles = async (who: Person) =>
  (await listInbox(db.connection().db!, who.accountId, { communityId: C })).items
    .filter((m) => m.pluginId === plugin.id)
    .map((m) => m.title['zh-CN']);
const refusal = (r: { status: number; json: { error: { details?: { code?: string } } } }) => [
  r.status,
  r.json.error.details?.code,
];

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
  await t.services.models.Installation.updateOne(
    { _id: `${c}:${plugin.id}` },
    { $set: { installedAt: new Date('2026-03-09T00:00:00Z') } },
  );
}

beforeAll(async () => {
  t = await startTestServer(db.connection());
  t.services.dataPlane.now = () => clock.now;
  const admin = await sessionFor(t.services, { username: 'sp-admin', platformRoles: ['admin'] });
  await publishApproved(t.services, plugin);
  await install(C, admin);
  await install(OTHER, admin);
  staff = await join(C, 'sp-staff', 'staff');
  op = await join(C, 'sp-op', 'operator');
  outsider = await join(OTHER, 'sp-outsider', 'staff');
  limited = await join(C, 'sp-limited', 'resident');
  for (let i = 0; i < 6; i++) residents.push(await join(C, `sp-resident-${i}`, 'resident'));
});
afterAll(() => t.close());

describe('booking a slot within the opening hours', () => {
  it('a space without approval is booked at once; the server fills the slot from its hours', async () => {
    const r = await book(residents[0]!, {
      space: 'study',
      date: '2026-03-11',
      start: '10:00',
      purpose: '备考',
    });
    expect(r.status).toBe(201);
    expect(r.json.record).toMatchObject({
      status: 'booked',
      spaceName: '共享自习室',
      end: '12:00',
      startsAt: '2026-03-11T02:00:00.000Z',
      endsAt: '2026-03-11T04:00:00.000Z',
      week: '2026-03-09',
      minutes: 120,
      bookerName: 'sp-resident-0',
    });
    expect(r.json.record.code).toMatch(/^\d{6}$/);
    studyBooking = r.json.record.id;
  });

  it('refuses a slot outside the hours or off the grid, a forged end, too early or too late; nothing is written', async () => {
    const at = (space: string, start: string, date = '2026-03-12') =>
      book(residents[0]!, { space, date, start });
    expect(refusal(await at('court', '06:00'))).toEqual([409, 'outside_hours']);
    expect(refusal(await at('study', '09:00'))).toEqual([409, 'outside_hours']); // 2-hour grid from 08:00
    expect(refusal(await at('study', '22:00'))).toEqual([409, 'outside_hours']); // closes at 22:00
    const outside = await at('court', '21:00');
    expect(outside.json.error.details.message['zh-CN']).toBe('这个时间不在场地的开放时段内。');
    const unknown = await at('pool', '10:00');
    expect(unknown.status).toBe(400);
    const forged = await book(residents[0]!, {
      space: 'study',
      date: '2026-03-12',
      start: '08:00',
      end: '23:00',
    });
    expect(forged.status).toBe(400);
    expect(refusal(await at('study', '08:00', '2026-03-25'))).toEqual([409, 'not_open_yet']);
    expect(refusal(await at('study', '08:00', '2026-03-10'))).toEqual([409, 'deadline_passed']); // began at 08:00 today
    expect((await mine(residents[0]!)).map((b) => b.id)).toEqual([studyBooking]);
  });

  it('five residents race for one court slot: exactly one gets it', async () => {
    const racers = residents.slice(1);
    const answers = await Promise.all(
      racers.map((r) => book(r, { space: 'court', date: '2026-03-11', start: '18:00' })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409))
      expect(a.json.error.details.code).toBe('capacity_full');
    courtWinner = 1 + answers.findIndex((a) => a.status === 201);
    courtBooking = answers[courtWinner - 1]!.json.record.id;
    const taken = (await query(residents[0]!, 'availability')).json;
    expect(JSON.stringify(taken)).toContain('"start":"18:00"');
  });

  it('at most the weekly hours per household (three 2-hour slots of 6); next week and after a cancel there is room', async () => {
    const ids: string[] = [];
    for (const start of ['08:00', '10:00', '12:00']) {
      const r = await book(limited, { space: 'study', date: '2026-03-13', start });
      expect(r.status).toBe(201);
      ids.push(r.json.record.id);
    }
    const fourth = await book(limited, { space: 'study', date: '2026-03-15', start: '08:00' });
    expect(refusal(fourth)).toEqual([409, 'capacity_full']);
    expect(fourth.json.error.details.message['zh-CN']).toContain(
      '本周您家已预约 6 小时，本次 2 小时将超出每户每周 6 小时上限',
    );
    const nextWeek = await book(limited, { space: 'study', date: '2026-03-16', start: '08:00' });
    expect(nextWeek.status).toBe(201);
    expect(nextWeek.json.record.week).toBe('2026-03-16');
    expect((await act(limited, 'cancel', { recordId: ids[0] })).status).toBe(200);
    const again = await book(limited, { space: 'study', date: '2026-03-15', start: '08:00' });
    expect(again.status).toBe(201);
    // The cancelled slot is free for someone else.
    const freed = await book(residents[5]!, { space: 'study', date: '2026-03-13', start: '08:00' });
    expect(freed.status).toBe(201);
  });
});

describe('approval by the space staff', () => {
  it('the room waits for approval; staff are told, approve, and the resident is told', async () => {
    const r = await book(residents[2]!, { space: 'room', date: '2026-03-11', start: '19:00' });
    expect(r.status).toBe(201);
    expect(r.json.record.status).toBe('requested');
    roomBooking = r.json.record.id;
    // A request holds the slot.
    const second = await book(residents[3]!, { space: 'room', date: '2026-03-11', start: '19:00' });
    expect(refusal(second)).toEqual([409, 'capacity_full']);
    await vi.waitFor(
      async () => expect(await inboxTitles(staff)).toContain('有新的场地预约待审核'),
      { timeout: 30_000, interval: 250 },
    );
    expect((await query(staff, 'toApprove')).json.count).toBe(1);
    expect((await act(residents[2]!, 'approve', { recordId: roomBooking })).status).toBe(403);
    const ok = await act(staff, 'approve', { recordId: roomBooking });
    expect(ok.status).toBe(200);
    expect(ok.json.record.status).toBe('booked');
    expect(await inboxTitles(residents[2]!)).toContain('场地预约已通过');
    expect((await query(staff, 'toApprove')).json.count).toBe(0);
  });

  it('a declined booking frees its slot and the resident is told', async () => {
    const r = await book(residents[3]!, { space: 'room', date: '2026-03-12', start: '19:00' });
    const declined = await act(staff, 'reject', { recordId: r.json.record.id });
    expect(declined.json.record.status).toBe('rejected');
    expect(await inboxTitles(residents[3]!)).toContain('场地预约未通过');
    const next = await book(residents[4]!, { space: 'room', date: '2026-03-12', start: '19:00' });
    expect(next.status).toBe(201);
  });

  it('another community’s staff and other residents cannot touch a booking', async () => {
    expect((await act(outsider, 'approve', { recordId: roomBooking }, OTHER)).status).toBe(404);
    expect((await act(outsider, 'confirmArrival', { recordId: roomBooking })).status).toBe(403);
    expect((await act(residents[1]!, 'cancel', { recordId: studyBooking })).status).toBe(404);
    expect((await mine(residents[0]!))[0]).toMatchObject({ id: studyBooking, status: 'booked' });
  });
});

describe('the day of the slot: reminder, check-in, cancel deadline, no-shows', () => {
  it('reminds the resident once, an hour before the slot', async () => {
    clock.now = new Date('2026-03-11T01:05:00Z'); // 09:05, the study slot starts at 10:00
    await t.services.scheduleRunner.drain();
    await t.services.scheduleRunner.drain();
    expect(
      (await inboxTitles(residents[0]!)).filter((x) => x === '1 小时后有您预约的场地'),
    ).toHaveLength(1);
    // The 18:00 court booking is not due yet.
    expect(await inboxTitles(residents[courtWinner]!)).not.toContain('1 小时后有您预约的场地');
  });

  it('staff check in by the code the resident shows; the desk never lists codes', async () => {
    const desk = (await query(staff, 'desk')).json.items as Row[];
    expect(desk.map((b) => b.id)).toContain(studyBooking);
    expect(desk.every((b) => b.code === undefined)).toBe(true);
    expect(desk.find((b) => b.id === studyBooking)!.bookerName).toBe('sp-resident-0');
    const code = (await mine(residents[0]!)).find((b) => b.id === studyBooking)!.code as string;
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const refused = await act(staff, 'checkInByCode', {
      recordId: studyBooking,
      input: { code: wrong },
    });
    expect(refusal(refused)).toEqual([409, 'match_failed']);
    const ok = await act(staff, 'checkInByCode', { recordId: studyBooking, input: { code } });
    expect(ok.status).toBe(200);
    expect(ok.json.record.status).toBe('checkedIn');
    // A booking of another day cannot be checked in today.
    const limitedNext = (await mine(limited)).find((b) => b.date === '2026-03-16')!;
    expect(
      (await act(staff, 'confirmArrival', { recordId: limitedNext.id as string })).status,
    ).toBe(403);
  });

  it('once the slot has started a booking cannot be cancelled', async () => {
    clock.now = new Date('2026-03-11T10:05:00Z'); // 18:05
    const late = await act(residents[courtWinner]!, 'cancel', { recordId: courtBooking });
    expect(refusal(late)).toEqual([409, 'deadline_passed']);
  });

  it('15 minutes after the slot a booking nobody checked in is a no-show, counted once', async () => {
    clock.now = new Date('2026-03-11T11:20:00Z'); // 19:20: the court slot ended at 19:00
    const arrived = await act(staff, 'confirmArrival', { recordId: roomBooking });
    expect(arrived.json.record.status).toBe('checkedIn');
    await t.services.scheduleRunner.drain();
    await t.services.scheduleRunner.drain();
    const court = (await mine(residents[courtWinner]!)).find((b) => b.id === courtBooking)!;
    expect(court.status).toBe('noShow');
    expect((await query(residents[courtWinner]!, 'myNoShows')).json.count).toBe(1);
    expect(
      (await inboxTitles(residents[courtWinner]!)).filter((x) => x === '您预约的场地未到场'),
    ).toHaveLength(1);
    // Checked-in bookings stay as they are.
    expect((await mine(residents[0]!)).find((b) => b.id === studyBooking)!.status).toBe(
      'checkedIn',
    );
    expect((await query(residents[0]!, 'myNoShows')).json.count).toBe(0);
  });

  it('operators read bookings, time used and no-shows; residents cannot', async () => {
    expect((await query(residents[0]!, 'bookingsByDay')).status).toBe(403);
    const metric = (id: string) =>
      t.call('GET', `${base()}/metrics/${id}?from=2026-03-01&to=2026-03-31`, { as: op.token });
    const used = await metric('utilisation');
    expect(used.status).toBe(200);
    expect(used.json.total).toMatchObject({ count: 2, values: { minutes: 180 } });
    const bookings = await metric('bookings');
    expect(bookings.json.total.count).toBeGreaterThanOrEqual(9);
    expect((await metric('noShows')).status).toBe(200);
  });

  it('a space closed on a day of the week has no slot that day; nothing is written', async () => {
    // The other community's court closes on Thursdays for upkeep.
    const current = await t.services.installations.get(OTHER, plugin.id);
    const spaces = (current.config.spaces as { id: string }[]).map((s) =>
      s.id === 'court' ? { ...s, closedOn: ['thu'] } : s,
    );
    await t.services.installations.update(ADMIN_ACTOR, OTHER, plugin.id, {
      config: { ...current.config, spaces },
    });
    clock.now = new Date('2026-03-10T01:00:00Z');
    const resident = await join(OTHER, 'sp-other-resident', 'resident');
    const at = (date: string) =>
      act(resident, 'book', { input: { space: 'court', date, start: '10:00' } }, OTHER);
    const thursday = await at('2026-03-12');
    expect(refusal(thursday)).toEqual([409, 'outside_hours']);
    expect(thursday.json.error.details.message['zh-CN']).toBe('这个时间不在场地的开放时段内。');
    const theirs = async () =>
      (await t.call('GET', `${base(OTHER)}/queries/myBookings`, { as: resident.token })).json
        .items as Row[];
    expect(await theirs()).toEqual([]);
    expect((await at('2026-03-13')).status).toBe(201); // Friday
    expect(await theirs()).toHaveLength(1);
  });
});

// Journeys of std.events (邻里活动 / 志愿服务) against the real database through the HTTP API, the
// plugin installed from the registry like any vendor's: organisers publish events (a weekly class
// is a series of records); residents sign up — the last place exactly once under concurrent
// sign-ups, the rest on the waitlist, a cancel promoting the first in line — until the event
// starts; the reminder the evening before; check-in by the resident's code; volunteers' hours
// at check-out paid in points exactly once, however often check-out is repeated or raced.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import { listInbox } from '../notifications/service';
import { loadStandardPlugin } from '../records/test-kit';

const db = useTestDatabase('events');
const C = 'c-events';
const OTHER = 'c-events-other';
const plugin = loadStandardPlugin('events');
const base = (c = C) => `/api/v1/communities/${c}/plugins/${plugin.id}`;
const clock = { now: new Date('2026-03-10T01:00:00Z') }; // Tuesday 09:00 in Shanghai
const DAY = '2026-03-12';
type Person = { token: string; accountId: string };
let t: TestServer;
let organiser: Person;
let op: Person;
let outsider: Person; // organiser of the other community
const residents: Person[] = [];
let volunteerEvent = '';
let classEvents: string[] = [];
let otherEvent = '';
const signups = new Map<number, string>(); // resident index → sign-up id on the volunteer event

async function join(c: string, username: string, role: 'resident' | 'staff' | 'operator') {
  const p = await sessionFor(t.services, { username });
  await t.services.members.ensure(c, p.accountId, role);
  return p;
}
const act = (who: Person, action: string, body: Record<string, unknown>, c = C) =>
  t.call('POST', `${base(c)}/actions/${action}`, { as: who.token, body });
const query = (who: Person, name: string, qs = '') =>
  t.call('GET', `${base()}/queries/${name}${qs}`, { as: who.token });
const inboxTitles = async (who: Person) =>
  (await listInbox(db.connection().db!, who.accountId, { communityId: C })).items
    .filter((m) => m.pluginId === plugin.id)
    .map((m) => m.title['zh-CN']);
const points = async (who: Person) =>
  (await t.call('GET', `/api/v1/communities/${C}/points/me`, { as: who.token })).json as {
    balance: number;
    entries: { delta: number; recordId: string }[];
  };
const mine = async (who: Person) =>
  (await query(who, 'mySignups')).json.items as Record<string, unknown>[];
const event = {
  title: '周四义诊志愿者',
  kind: 'volunteer',
  date: DAY,
  startTime: '09:00',
  endTime: '11:30',
  place: '社区服务中心',
  capacity: 2,
  recurrence: 'FREQ=DAILY;COUNT=1',
};

async function install(c: string, admin: Person) {
  await t.call('POST', '/api/v1/communities', {
    as: admin.token,
    body: { id: c, name: c, city: '杭州', district: '上城区', type: 'renovation' },
  });
  const installed = await t.call('POST', `/api/v1/communities/${c}/installations`, {
    as: admin.token,
    body: { pluginId: plugin.id, acceptPermissions: ['notify:send', 'points:award', 'pii:read'] },
  });
  // A standard (标配) plugin is installed with every new community; otherwise install it.
  if (installed.status !== 201) expect(installed.json.error.code).toBe('already_installed');
  await t.services.models.Installation.updateOne(
    { _id: `${c}:${plugin.id}` },
    { $set: { installedAt: new Date('2026-03-09T00:00:00Z') } },
  );
}

beforeAll(async () => {
  t = await startTestServer(db.connection());
  t.services.dataPlane.now = () => clock.now;
  const admin = await sessionFor(t.services, { username: 'ev-admin', platformRoles: ['admin'] });
  await publishApproved(t.services, plugin);
  await install(C, admin);
  await install(OTHER, admin);
  organiser = await join(C, 'ev-organiser', 'staff');
  op = await join(C, 'ev-op', 'operator');
  outsider = await join(OTHER, 'ev-outsider', 'staff');
  for (let i = 0; i < 6; i++) residents.push(await join(C, `ev-resident-${i}`, 'resident'));
});
afterAll(() => t.close());

describe('publishing events and weekly classes', () => {
  it('an organiser publishes an event; residents and bad input are refused and change nothing', async () => {
    expect((await act(residents[0]!, 'publish', { input: event })).status).toBe(403);
    const bad = await act(organiser, 'publish', { input: { ...event, capacity: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('validation_failed');
    const odd = await act(organiser, 'publish', {
      input: { ...event, recurrence: 'FREQ=HOURLY;COUNT=3' },
    });
    expect(odd.status).toBe(400);
    expect((await query(residents[0]!, 'upcoming')).json.items).toEqual([]);
    const r = await act(organiser, 'publish', { input: event });
    expect(r.status).toBe(201);
    expect(r.json.series).toMatchObject({ count: 1 });
    volunteerEvent = r.json.record.id;
  });

  it('a weekly class is one record per week, each signed up to on its own', async () => {
    const r = await act(organiser, 'publish', {
      input: {
        ...event,
        title: '太极拳晨练班',
        kind: 'activity',
        startTime: '07:00',
        endTime: '08:00',
        capacity: 10,
        recurrence: 'FREQ=WEEKLY;COUNT=4',
      },
    });
    expect(r.status).toBe(201);
    expect(r.json.series.count).toBe(4);
    const list = (await query(residents[0]!, 'upcoming', '?f.kind.eq=activity')).json
      .items as Record<string, unknown>[];
    expect(list.map((e) => e.date)).toEqual([
      '2026-03-12',
      '2026-03-19',
      '2026-03-26',
      '2026-04-02',
    ]);
    classEvents = list.map((e) => String(e.id));
    const second = await act(residents[5]!, 'signUp', { input: { eventId: classEvents[1] } });
    expect(second.status).toBe(201);
    expect(second.json.record).toMatchObject({ date: '2026-03-19', status: 'signedUp' });
  });
});

describe('sign-up, the last place and the waitlist', () => {
  it('six residents race for two places: exactly two are signed up, four wait in line', async () => {
    const answers = await Promise.all(
      residents.map((r) => act(r, 'signUp', { input: { eventId: volunteerEvent } })),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const states = answers.map((a) => a.json.record.status as string);
    expect(states.filter((s) => s === 'signedUp')).toHaveLength(2);
    expect(states.filter((s) => s === 'waitlisted')).toHaveLength(4);
    answers.forEach((a, i) => signups.set(i, a.json.record.id));
    // The sign-up carries the event's own date, place and places, copied by the server.
    expect(answers[0]!.json.record).toMatchObject({
      title: '周四义诊志愿者',
      date: DAY,
      place: '社区服务中心',
      capacity: 2,
      volunteerName: 'ev-resident-0',
    });
    const listed = (await query(residents[0]!, 'upcoming', '?f.kind.eq=volunteer')).json.items;
    expect(listed).toEqual([expect.objectContaining({ taken: 2, waiting: 4 })]);
  });

  it('refuses a second sign-up, a forged date or capacity, and another community’s event', async () => {
    const again = await act(residents[0]!, 'signUp', { input: { eventId: volunteerEvent } });
    expect(again.status).toBe(409);
    expect(again.json.error.details.code).toBe('already_done');
    const forged = await act(residents[0]!, 'signUp', {
      input: { eventId: classEvents[0], capacity: 500, date: '2026-12-31' },
    });
    expect(forged.status).toBe(400);
    const published = await act(outsider, 'publish', { input: event }, OTHER);
    expect(published.status).toBe(201);
    otherEvent = published.json.record.id;
    const foreign = await act(residents[0]!, 'signUp', { input: { eventId: otherEvent } });
    expect(foreign.status).toBe(404);
    const intoOther = await act(residents[0]!, 'signUp', { input: { eventId: otherEvent } }, OTHER);
    expect(intoOther.status).toBe(403);
    // Nobody else's sign-up can be cancelled, and nothing changed on the event.
    expect((await act(residents[0]!, 'cancel', { recordId: signups.get(1) })).status).toBe(404);
    expect((await query(organiser, 'upcoming', '?f.kind.eq=volunteer')).json.items).toEqual([
      expect.objectContaining({ taken: 2, waiting: 4 }),
    ]);
  });

  it('a cancel promotes the first in line, once, and tells them', async () => {
    const status = async (i: number) =>
      (await mine(residents[i]!)).find((s) => s.id === signups.get(i))?.status;
    const states = await Promise.all(residents.map((_, i) => status(i)));
    const leaving = states.indexOf('signedUp');
    const line = await Promise.all(
      residents.map(async (_, i) => ({
        i,
        position: states[i] === 'waitlisted' ? await positionOf(i) : Infinity,
      })),
    );
    const first = line.sort((a, b) => a.position - b.position)[0]!.i;
    const cancels = await Promise.all([
      act(residents[leaving]!, 'cancel', { recordId: signups.get(leaving) }),
      act(residents[leaving]!, 'cancel', { recordId: signups.get(leaving) }),
    ]);
    expect(cancels.map((c) => c.status).sort()).toEqual([200, 409]);
    expect(await status(first)).toBe('signedUp');
    expect(
      (await Promise.all(residents.map((_, i) => status(i)))).filter((s) => s === 'signedUp'),
    ).toHaveLength(2);
    await vi.waitFor(
      async () => expect(await inboxTitles(residents[first]!)).toEqual(['候补成功，已为您报上名']),
      { timeout: 30_000, interval: 250 },
    );
    // A second sign-up for the same event is refused; its words say where to sign up again.
    const back = await act(residents[leaving]!, 'signUp', { input: { eventId: volunteerEvent } });
    expect(back.status).toBe(409);
    expect(back.json.error.details.message['zh-CN']).toContain('我的活动');
  });

  it('a cancelled sign-up comes back while a place is free, never ahead of the line', async () => {
    let leaving = -1;
    for (const [i, id] of signups)
      if ((await mine(residents[i]!)).find((s) => s.id === id)?.status === 'cancelled') leaving = i;
    expect(leaving).toBeGreaterThanOrEqual(0);
    // The place it left went to the first in line: the event is full again.
    const full = await act(residents[leaving]!, 'rejoin', { recordId: signups.get(leaving) });
    expect(full.status).toBe(409);
    expect(full.json.error.details.code).toBe('capacity_full');
    const still = (await mine(residents[leaving]!)).find((s) => s.id === signups.get(leaving));
    expect(still?.status).toBe('cancelled');

    // A class with places to spare: cancelled, then back, with the same code.
    const booked = (await mine(residents[5]!)).find((s) => s.date === '2026-03-19')!;
    expect((await act(residents[5]!, 'cancel', { recordId: booked.id })).status).toBe(200);
    expect((await act(residents[4]!, 'rejoin', { recordId: booked.id })).status).toBe(404);
    const rejoined = await act(residents[5]!, 'rejoin', { recordId: booked.id });
    expect(rejoined.status).toBe(200);
    expect(rejoined.json.record).toMatchObject({ status: 'signedUp', code: booked.code });
    const classes = (await query(residents[0]!, 'upcoming', '?f.kind.eq=activity')).json.items;
    expect(classes.find((e: { id: string }) => e.id === classEvents[1])).toMatchObject({
      taken: 1,
    });
  });
});

/** A waiting sign-up's place in line, read from the waitlist tickets (arrival order). */
async function positionOf(i: number): Promise<number> {
  const ticket = await db
    .connection()
    .db!.collection('rec_waitlist')
    .findOne({ recordId: signups.get(i), state: 'waiting' });
  return (ticket?.n as number | undefined) ?? Infinity;
}

describe('the reminder the day before and the deadline at the start', () => {
  it('reminds each signed-up resident once at 18:00 the day before, never those waiting', async () => {
    clock.now = new Date('2026-03-11T10:05:00Z'); // 18:05 on the 11th
    await t.services.scheduleRunner.drain();
    await t.services.scheduleRunner.drain();
    for (const [i] of signups) {
      const status = (await mine(residents[i]!)).find((s) => s.id === signups.get(i))?.status;
      const reminders = (await inboxTitles(residents[i]!)).filter(
        (x) => x === '明天有您报名的活动',
      );
      expect(reminders).toHaveLength(status === 'signedUp' ? 1 : 0);
    }
  });

  it('once the event has started, sign-up and cancel are refused and nothing changes', async () => {
    clock.now = new Date('2026-03-12T01:05:00Z'); // 09:05 on the day: the 09:00 event and the 07:00 class have started
    const late = await act(residents[5]!, 'signUp', { input: { eventId: classEvents[0] } });
    expect(late.status).toBe(409);
    expect(late.json.error.details.code).toBe('deadline_passed');
    let i = 0;
    const open = ['signedUp', 'waitlisted'];
    while (!open.includes(String((await mine(residents[i]!))[0]?.status))) i++;
    const id = signups.get(i);
    const cancel = await act(residents[i]!, 'cancel', { recordId: id });
    expect(cancel.status).toBe(409);
    expect(cancel.json.error.details.code).toBe('deadline_passed');
    // Coming back closes at the start too (the sign-up cancelled earlier, of a started event).
    let gone = -1;
    for (const [j, sid] of signups)
      if ((await mine(residents[j]!)).find((s) => s.id === sid)?.status === 'cancelled') gone = j;
    const rejoin = await act(residents[gone]!, 'rejoin', { recordId: signups.get(gone) });
    expect(rejoin.status).toBe(409);
    expect(rejoin.json.error.details.code).toBe('deadline_passed');
    expect((await mine(residents[5]!)).map((s) => s.date)).toEqual(['2026-03-19', DAY]);
  });
});

describe('check-in by code, check-out with hours paid in points once', () => {
  let volunteer = -1;

  it('on the day, staff type the code the resident shows; a wrong code is refused', async () => {
    const signedUp = async () => {
      for (const [i, id] of signups) {
        const s = (await mine(residents[i]!)).find((x) => x.id === id);
        if (s?.status === 'signedUp') return i;
      }
      return -1;
    };
    volunteer = await signedUp();
    const id = signups.get(volunteer)!;
    const code = (await mine(residents[volunteer]!)).find((s) => s.id === id)!.code as string;
    expect(code).toMatch(/^\d{6}$/);
    clock.now = new Date('2026-03-11T15:00:00Z'); // 23:00 the evening before
    const early = await act(organiser, 'checkIn', { recordId: id, input: { code } });
    expect(early.status).toBe(403);
    clock.now = new Date('2026-03-12T01:10:00Z'); // 09:10 on the day
    const today = (await query(organiser, 'today')).json.items as Record<string, unknown>[];
    expect(today.filter((s) => s.eventId === volunteerEvent)).toHaveLength(2);
    expect(today.every((s) => s.code === undefined)).toBe(true);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const refused = await act(organiser, 'checkIn', { recordId: id, input: { code: wrong } });
    expect(refused.status).toBe(409);
    expect(refused.json.error.details.code).toBe('match_failed');
    expect(
      (await act(residents[volunteer]!, 'checkIn', { recordId: id, input: { code } })).status,
    ).toBe(403);
    const ok = await act(organiser, 'checkIn', { recordId: id, input: { code } });
    expect(ok.status).toBe(200);
    expect(ok.json.record).toMatchObject({ status: 'checkedIn', attended: 100 });
  });

  it('check-out records the hours and pays hours × rate once, even when raced and repeated', async () => {
    const id = signups.get(volunteer)!;
    const before = await points(residents[volunteer]!);
    const tooLong = await act(organiser, 'checkOut', { recordId: id, input: { hours: 13 } });
    expect(tooLong.status).toBe(400);
    const raced = await Promise.all(
      [0, 1, 2].map(() => act(organiser, 'checkOut', { recordId: id, input: { hours: 2.5 } })),
    );
    expect(raced.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const done = raced.find((r) => r.status === 200)!;
    expect(done.json.record).toMatchObject({ status: 'checkedOut', hours: 2.5 });
    expect(done.json.pointsAwarded).toBe(25);
    const again = await act(organiser, 'checkOut', { recordId: id, input: { hours: 4 } });
    expect(again.status).toBe(409);
    const after = await points(residents[volunteer]!);
    expect(after.balance - before.balance).toBe(25);
    expect(after.entries.filter((e) => e.recordId === id)).toHaveLength(1);
    expect(await inboxTitles(residents[volunteer]!)).toContain('志愿服务已签退，积分已发放');
  });

  it('the volunteer reads their hours this year; another resident reads only their own', async () => {
    const total = await query(residents[volunteer]!, 'myHours');
    expect(total.status).toBe(200);
    expect(total.json.total.values.hours).toBe(2.5);
    const other = residents.findIndex((_, i) => i !== volunteer);
    expect((await query(residents[other]!, 'myHours')).json.total.values.hours).toBe(0);
  });

  it('operators read the figures; residents cannot read the operator’s', async () => {
    expect((await query(residents[0]!, 'attendance')).status).toBe(403);
    for (const metric of ['eventsHeld', 'signups', 'attendance', 'volunteerHours']) {
      const r = await t.call('GET', `${base()}/metrics/${metric}?from=2026-03-01&to=2026-03-31`, {
        as: op.token,
      });
      expect(r.status).toBe(200);
      expect(r.json.kind).toBe('aggregate');
    }
    const signed = await t.call('GET', `${base()}/metrics/signups?from=2026-03-01&to=2026-03-31`, {
      as: op.token,
    });
    expect(signed.json.total).toMatchObject({ count: 7 });
  });
});

// Journeys of std.childcare (社区托育) against the real database through the HTTP API, the plugin
// installed from the registry (publish → review → install) like any vendor's: children registered
// with their data masked for all but guardians and childcare staff; places per date and session
// with a waitlist promoted exactly once under concurrent cancellations; the reminder the day
// before; attendance with the pick-up code; every refusal.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN_ACTOR, publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import { listInbox } from '../notifications/service';
import { loadStandardPlugin } from '../records/test-kit';

const db = useTestDatabase('childcare');
const C = 'c-childcare';
const plugin = loadStandardPlugin('childcare');
const base = `/api/v1/communities/${C}`;
const clock = { now: new Date('2026-03-10T01:00:00Z') }; // 09:00 in Shanghai
const DAY = '2026-03-12';
type Person = { token: string; accountId: string };
let t: TestServer;
let staff: Person;
let op: Person;
let grandpa: Person; // lets parents[0] act for him: reads and books for her child
let stranger: Person;
const parents: Person[] = [];
const children: string[] = [];
const bookings: string[] = [];

async function join(username: string, role: 'resident' | 'staff' | 'operator'): Promise<Person> {
  const p = await sessionFor(t.services, { username });
  await t.services.members.ensure(C, p.accountId, role);
  return p;
}
const act = (who: Person, action: string, body: Record<string, unknown>) =>
  t.call('POST', `${base}/plugins/${plugin.id}/actions/${action}`, { as: who.token, body });
const query = (who: Person, name: string, qs = '') =>
  t.call('GET', `${base}/plugins/${plugin.id}/queries/${name}${qs}`, { as: who.token });
const inboxTitles = async (who: Person) =>
  (await listInbox(db.connection().db!, who.accountId, { communityId: C })).items
    .filter((m) => m.pluginId === plugin.id)
    .map((m) => m.title['zh-CN']);
const book = (i: number, input: Record<string, unknown> = {}) =>
  act(parents[i]!, 'book', {
    input: {
      childId: children[i],
      childName: `孩子${i}`,
      date: DAY,
      session: 'halfDay',
      ...input,
    },
  });

beforeAll(async () => {
  t = await startTestServer(db.connection());
  t.services.dataPlane.now = () => clock.now;
  const admin = await sessionFor(t.services, { username: 'cc-admin', platformRoles: ['admin'] });
  await t.call('POST', '/api/v1/communities', {
    as: admin.token,
    body: { id: C, name: '江北', city: '杭州', district: '上城区', type: 'renovation' },
  });
  await publishApproved(t.services, plugin);
  const installed = await t.call('POST', `${base}/installations`, {
    as: admin.token,
    body: { pluginId: plugin.id, acceptPermissions: ['notify:send', 'pii:read'] },
  });
  expect(installed.status).toBe(201);
  const current = await t.services.installations.get(C, plugin.id);
  await t.services.installations.update(ADMIN_ACTOR, C, plugin.id, {
    config: { ...current.config, places: { halfDay: 2, fullDay: 1 } },
  });
  await t.services.models.Installation.updateOne(
    { _id: `${C}:${plugin.id}` },
    { $set: { installedAt: new Date('2026-03-09T00:00:00Z') } },
  );
  staff = await join('cc-teacher', 'staff');
  op = await join('cc-op', 'operator');
  grandpa = await join('cc-grandpa', 'resident');
  stranger = await join('cc-stranger', 'resident');
  for (let i = 0; i < 5; i++) parents.push(await join(`cc-parent-${i}`, 'resident'));
  // parents[0] lets the grandfather act for her and receive her notices.
  const inv = await t.call('POST', `${base}/family/invitations`, {
    as: parents[0]!.token,
    body: { relation: 'child', grant: { act: true, notify: true } },
  });
  const accepted = await t.call('POST', `${base}/family/accept`, {
    as: grandpa.token,
    body: { code: inv.json.code, grant: { act: false, notify: false } },
  });
  expect(accepted.status).toBe(201);
});
afterAll(() => t.close());

describe('children: a minor’s data for guardians and childcare staff only', () => {
  it('guardians register children; refusals change nothing', async () => {
    const bad = await act(parents[0]!, 'registerChild', {
      input: { childName: '小满', birthMonth: '2024-13', guardianName: '林静', guardianPhone: '1' },
    });
    expect(bad.status).toBe(400);
    const byStaff = await act(staff, 'registerChild', {
      input: { childName: 'x', birthMonth: '2024-05', guardianName: 'x', guardianPhone: '1' },
    });
    expect(byStaff.status).toBe(403);
    for (let i = 0; i < 5; i++) {
      const r = await act(parents[i]!, 'registerChild', {
        input: {
          childName: `孩子${i}`,
          birthMonth: '2024-05',
          allergies: i === 0 ? '对花生过敏' : undefined,
          guardianName: `家长${i}`,
          guardianPhone: `1380000000${i}`,
        },
      });
      expect(r.status).toBe(201);
      children.push(r.json.record.id);
    }
  });

  it('clear to the guardian, the family she allows and the staff; masked for the operator; nothing for others', async () => {
    for (const who of [parents[0]!, grandpa]) {
      const mine = await query(who, 'myChildren');
      expect(mine.json.items).toEqual([
        expect.objectContaining({ childName: '孩子0', allergies: '对花生过敏' }),
      ]);
    }
    expect((await query(stranger, 'myChildren')).json.items).toEqual([]);
    const staffView = (await query(staff, 'children')).json.items as Record<string, unknown>[];
    expect(staffView.map((c) => c.childName)).toContain('孩子0');
    const opView = (await query(op, 'children')).json.items as Record<string, unknown>[];
    expect(opView).toHaveLength(5);
    for (const c of opView) {
      expect(String(c.childName)).not.toMatch(/^孩子\d$/);
      expect(c.guardianPhone).not.toMatch(/^1380000000\d$/);
      expect(c.allergies ?? '').not.toBe('对花生过敏');
    }
    // The operator may not ask for a child's record in clear.
    const unmask = await t.call(
      'POST',
      `${base}/plugins/${plugin.id}/records/children/${children[0]}/unmask`,
      { as: op.token, body: { reason: '核对' } },
    );
    expect(unmask.status).toBe(403);
    // A guardian removes only their own child.
    const notHers = await act(stranger, 'removeChild', { recordId: children[1] });
    expect(notHers.status).toBe(404);
  });
});

describe('places, the waitlist and promotion', () => {
  it('books within capacity, then waitlists; refuses another’s child and a late booking', async () => {
    const r0 = await book(0);
    expect(r0.status).toBe(201);
    expect(r0.json.record).toMatchObject({ status: 'booked', childName: '孩子0' });
    expect(r0.json.record.pickupCode).toMatch(/^\d{6}$/);
    bookings.push(r0.json.record.id);
    for (let i = 1; i < 5; i++) {
      const r = await book(i);
      expect(r.status).toBe(201);
      expect(r.json.record.status).toBe(i < 2 ? 'booked' : 'waitlisted');
      bookings.push(r.json.record.id);
    }
    const places = await query(parents[4]!, 'places');
    const key = (places.json.slots as { key: Record<string, string> }[]).find(
      (k) => k.key.date === DAY && k.key.session === 'halfDay',
    );
    expect(key).toMatchObject({ used: 2, waiting: 3 });

    const others = await act(stranger, 'book', {
      input: { childId: children[0], childName: 'x', date: DAY, session: 'halfDay' },
    });
    expect(others.status).toBe(404);
    const late = await book(0, { date: '2026-03-10', session: 'fullDay' });
    expect(late.status).toBe(409);
    expect(late.json.error.details.code).toBe('deadline_passed');
    // The grandfather, allowed to act for the mother, books the full day for her child.
    const forHer = await act(grandpa, 'book', {
      input: { childId: children[0], childName: '孩子0', date: '2026-03-13', session: 'fullDay' },
      forAccountId: parents[0]!.accountId,
    });
    expect(forHer.status).toBe(201);
    expect(forHer.json.record).toMatchObject({
      createdBy: parents[0]!.accountId,
      actedBy: grandpa.accountId,
    });
  });

  it('concurrent cancellations promote the first in line, each once, and tell them', async () => {
    const cancel = (i: number) => act(parents[i]!, 'cancel', { recordId: bookings[i] });
    const answers = await Promise.all([cancel(0), cancel(0), cancel(1), cancel(1)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 409, 409]);
    const status = async (i: number) => {
      const list = (await query(parents[i]!, 'myBookings')).json.items as Record<string, unknown>[];
      return list.find((b) => b.id === bookings[i])?.status;
    };
    expect(await status(2)).toBe('booked');
    expect(await status(3)).toBe('booked');
    expect(await status(4)).toBe('waitlisted');
    await vi.waitFor(
      async () => {
        expect(await inboxTitles(parents[2]!)).toEqual(['候补成功，托育名额已预约']);
        expect(await inboxTitles(parents[3]!)).toEqual(['候补成功，托育名额已预约']);
      },
      { timeout: 30_000, interval: 250 },
    );
    expect(await inboxTitles(parents[4]!)).toEqual([]);
    // A stranger cannot cancel someone's booking; leaving the line frees nothing.
    expect((await act(stranger, 'cancel', { recordId: bookings[2] })).status).toBe(404);
    const leave = await act(parents[4]!, 'cancel', { recordId: bookings[4] });
    expect(leave.json.record.status).toBe('cancelled');
    expect(await status(2)).toBe('booked');
  });
});

describe('the reminder the day before and attendance', () => {
  it('reminds each booked family once at 19:00 the day before, never the cancelled', async () => {
    clock.now = new Date('2026-03-11T11:05:00Z'); // 19:05 on the 11th
    await t.services.scheduleRunner.drain();
    await t.services.scheduleRunner.drain();
    expect(await inboxTitles(parents[2]!)).toContain('明天有托育预约');
    expect((await inboxTitles(parents[2]!)).filter((x) => x === '明天有托育预约')).toHaveLength(1);
    expect(await inboxTitles(parents[1]!)).not.toContain('明天有托育预约');
    expect(await inboxTitles(parents[4]!)).not.toContain('明天有托育预约');
  });

  it('staff record arrival, pick-up by code and absence, on the day only', async () => {
    const early = await act(staff, 'arrive', { recordId: bookings[2] });
    expect(early.status).toBe(403);
    expect(early.json.error.code).toBe('forbidden');
    clock.now = new Date('2026-03-12T00:10:00Z'); // 08:10 on the day
    expect((await act(parents[2]!, 'arrive', { recordId: bookings[2] })).status).toBe(403);
    const today = (await query(staff, 'today')).json.items as Record<string, unknown>[];
    expect(today.map((b) => b.childName).sort()).toEqual(['孩子2', '孩子3']);
    // Staff lists hold no codes: the parent shows theirs and the server compares.
    expect(today.every((b) => b.pickupCode === undefined)).toBe(true);
    const theirs = (await query(parents[2]!, 'myBookings')).json.items as Record<string, unknown>[];
    const code = theirs.find((b) => b.id === bookings[2])!.pickupCode as string;
    expect(code).toMatch(/^\d{6}$/);
    const arrived = await act(staff, 'arrive', { recordId: bookings[2] });
    expect(arrived.json.record).toMatchObject({ status: 'present' });
    expect(arrived.json.record.arrivedAt).toEqual(expect.any(String));
    const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await act(staff, 'pickUp', {
      recordId: bookings[2],
      input: { pickupCode: wrongCode },
    });
    expect(wrong.status).toBe(409);
    expect(wrong.json.error.details.code).toBe('match_failed');
    expect((await act(staff, 'pickUp', { recordId: bookings[2] })).status).toBe(400);
    expect((await query(parents[2]!, 'myBookings')).json.items).toContainEqual(
      expect.objectContaining({ id: bookings[2], status: 'present' }),
    );
    const picked = await act(staff, 'pickUp', {
      recordId: bookings[2],
      input: { pickupCode: code },
    });
    expect(picked.json.record).toMatchObject({ status: 'pickedUp', pickedUpBy: 'cc-teacher' });
    expect(await inboxTitles(parents[2]!)).toContain('孩子已被接走');
    const absent = await act(staff, 'markAbsent', { recordId: bookings[3] });
    expect(absent.json.record.status).toBe('absent');
    // A picked-up child is not marked absent afterwards.
    expect((await act(staff, 'markAbsent', { recordId: bookings[2] })).status).toBe(409);
  });

  it('operators read attendance and absences per day; residents cannot', async () => {
    expect((await query(parents[0]!, 'attendanceByDay')).status).toBe(403);
    const metric = await t.call(
      'GET',
      `${base}/plugins/${plugin.id}/metrics/attendance?from=2026-03-12&to=2026-03-13`,
      { as: op.token },
    );
    expect(metric.status).toBe(200);
    // One child attended that day: fewer than the minimum group, so the figure is hidden.
    expect(metric.json.total).toMatchObject({ suppressed: true });
  });
});

// Journeys of std.health-station (健康小站) against the real database through the HTTP API, the
// plugin installed from the registry like any vendor's: joining with consent (or by family
// allowed to act), a doctor recording for a member (the person copied from the membership, never
// named by the doctor), who is refused, out-of-range values telling exactly the doctor role and
// the family while in-range ones tell nobody, one person's trend (their own or a relative's who
// allowed it, nobody else's), operators reading only counts, another community's ids, leaving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import { listInbox } from '../notifications/service';
import { loadStandardPlugin } from '../records/test-kit';

const db = useTestDatabase('health_station');
const C = 'c-health';
const OTHER = 'c-health-2';
const plugin = loadStandardPlugin('health-station');
const base = (c = C) => `/api/v1/communities/${c}`;
const clock = { now: new Date('2026-03-02T01:00:00Z') }; // 09:00 in Shanghai, a Monday
type Person = { token: string; accountId: string };
let t: TestServer;
let admin: Person;
let doctor: Person; // staff: holds plugin:doctor (grantedTo staff)
let otherDoctor: Person;
let op: Person;
let elder: Person;
let daughter: Person; // the elder lets her act for him and receive his notices
let son: Person; // the elder lets him receive his notices, not act for him
let neighbour: Person;
let outsiderDoctor: Person; // staff of another community
let elderMember: string;
let neighbourMember: string;

async function join(
  username: string,
  role: 'resident' | 'staff' | 'operator',
  community = C,
): Promise<Person> {
  const p = await sessionFor(t.services, { username });
  await t.services.members.ensure(community, p.accountId, role, []);
  return p;
}
async function link(from: Person, relative: Person, grant: { act: boolean; notify: boolean }) {
  const inv = await t.call('POST', `${base()}/family/invitations`, {
    as: from.token,
    body: { relation: 'parent', grant },
  });
  const accepted = await t.call('POST', `${base()}/family/accept`, {
    as: relative.token,
    body: { code: inv.json.code, grant: { act: false, notify: false } },
  });
  expect(accepted.status).toBe(201);
}
const act = (who: Person, action: string, body: Record<string, unknown>, c = C) =>
  t.call('POST', `${base(c)}/plugins/${plugin.id}/actions/${action}`, { as: who.token, body });
const query = (who: Person, name: string, qs = '') =>
  t.call('GET', `${base()}/plugins/${plugin.id}/queries/${name}${qs}`, { as: who.token });
const inboxTitles = async (who: Person) =>
  (await listInbox(db.connection().db!, who.accountId, { communityId: C })).items
    .filter((m) => m.pluginId === plugin.id)
    .map((m) => m.title['zh-CN']);
const OUT_OF_RANGE = '健康测量值超出正常范围';
const record = (who: Person, memberId: string, values: Record<string, unknown>, c = C) =>
  act(who, 'record', { input: { memberId, ...values } }, c);

async function install(community: string): Promise<void> {
  await t.call('POST', '/api/v1/communities', {
    as: admin.token,
    body: { id: community, name: community, city: '杭州', district: '西湖区', type: 'renovation' },
  });
  const installed = await t.call('POST', `${base(community)}/installations`, {
    as: admin.token,
    body: { pluginId: plugin.id, acceptPermissions: ['notify:send', 'pii:read'] },
  });
  expect(installed.status).toBe(201);
}

beforeAll(async () => {
  t = await startTestServer(db.connection());
  t.services.dataPlane.now = () => clock.now;
  admin = await sessionFor(t.services, { username: 'hs-admin', platformRoles: ['admin'] });
  await publishApproved(t.services, plugin);
  await install(C);
  await install(OTHER);
  doctor = await join('hs-doctor', 'staff');
  otherDoctor = await join('hs-doctor-2', 'staff');
  op = await join('hs-op', 'operator');
  elder = await join('hs-elder', 'resident');
  daughter = await join('hs-daughter', 'resident');
  son = await join('hs-son', 'resident');
  neighbour = await join('hs-neighbour', 'resident');
  outsiderDoctor = await join('hs-outsider', 'staff', OTHER);
  await link(elder, daughter, { act: true, notify: true });
  await link(elder, son, { act: false, notify: true });
});
afterAll(() => t.close());

describe('std.health-station', () => {
  it('joins with consent, once, or by family allowed to act', async () => {
    const unconsented = await act(elder, 'join', { input: { name: '赵建国' } });
    expect(unconsented.status).toBe(400);
    const bySon = await act(son, 'join', {
      input: { name: '赵建国', consent: true },
      forAccountId: elder.accountId,
    });
    expect(bySon.status).toBe(403);
    expect(bySon.json.error.code).toBe('not_allowed_to_act');
    const byDaughter = await act(daughter, 'join', {
      input: { name: '赵建国', consent: true },
      forAccountId: elder.accountId,
    });
    expect(byDaughter.status).toBe(201);
    expect(byDaughter.json.record).toMatchObject({
      residentId: elder.accountId,
      createdBy: elder.accountId,
      actedBy: daughter.accountId,
    });
    elderMember = byDaughter.json.record.id;
    const again = await act(elder, 'join', { input: { name: '赵建国', consent: true } });
    expect(again.status).toBe(409);
    const n = await act(neighbour, 'join', { input: { name: '钱阿姨', consent: true } });
    expect(n.status).toBe(201);
    neighbourMember = n.json.record.id;
    // The doctor sees both names in clear; the neighbour sees only her own membership.
    const roster = (await query(doctor, 'roster')).json.items;
    expect(roster.map((m: { name: string }) => m.name).sort()).toEqual(['赵建国', '钱阿姨']);
    expect((await query(neighbour, 'myMembership')).json.items).toEqual([
      expect.objectContaining({ id: neighbourMember, name: '钱阿姨' }),
    ]);
  });

  it('only a doctor records, for a member, and never names the person', async () => {
    for (const who of [elder, op]) {
      const r = await record(who, elderMember, { systolic: 120 });
      expect(r.status).toBe(403);
    }
    const named = await record(doctor, elderMember, {
      systolic: 120,
      residentId: neighbour.accountId,
    });
    expect(named.status).toBe(400);
    const nobody = await record(doctor, '0123456789abcdef01234567', { systolic: 120 });
    expect(nobody.status).toBe(404);
    const outsider = await record(outsiderDoctor, elderMember, { systolic: 120 }, OTHER);
    expect(outsider.status).toBe(404);
    expect((await query(doctor, 'recent')).json.items).toEqual([]);
  });

  it('an in-range value tells nobody', async () => {
    const r = await record(doctor, elderMember, {
      systolic: 128,
      diastolic: 82,
      sugar: 5.6,
      weight: 61.5,
      heartRate: 72,
    });
    expect(r.status).toBe(201);
    expect(r.json.record).toMatchObject({
      residentId: elder.accountId,
      residentName: '赵建国',
      takenBy: 'hs-doctor',
      systolic: 128,
    });
    await t.services.dataPlane.notifications.drain();
    for (const who of [doctor, otherDoctor, elder, daughter, son, neighbour, op])
      expect(await inboxTitles(who)).toEqual([]);
  });

  it('an out-of-range value tells exactly the doctor role and the family', async () => {
    clock.now = new Date('2026-03-04T01:00:00Z');
    const r = await record(doctor, elderMember, { systolic: 165, diastolic: 95, heartRate: 80 });
    expect(r.status).toBe(201);
    await t.services.dataPlane.notifications.drain();
    for (const who of [doctor, otherDoctor, daughter, son])
      expect(await inboxTitles(who)).toEqual([OUT_OF_RANGE]);
    for (const who of [elder, neighbour, op]) expect(await inboxTitles(who)).toEqual([]);
    // Too low is out of range too (blood sugar under the operator's 3.9).
    const low = await record(otherDoctor, neighbourMember, { sugar: 3.1 });
    expect(low.status).toBe(201);
    await t.services.dataPlane.notifications.drain();
    expect(await inboxTitles(doctor)).toEqual([OUT_OF_RANGE, OUT_OF_RANGE]);
    expect(await inboxTitles(daughter)).toEqual([OUT_OF_RANGE]);
  });

  it('a trend is one person’s: their own or a relative’s who allowed it, nobody else’s', async () => {
    clock.now = new Date('2026-03-04T02:00:00Z'); // the period ends now: an hour later
    const mine = await query(elder, 'myTrend');
    expect(mine.status).toBe(200);
    expect(mine.json.total).toMatchObject({ count: 2, values: { systolic: 146.5 } });
    const days = mine.json.rows.map((row: { bucket: string; values: { systolic: number } }) => [
      row.bucket,
      row.values.systolic,
    ]);
    expect(days).toEqual([
      ['2026-03-02', 128],
      ['2026-03-04', 165],
    ]);
    const forFather = await query(daughter, 'myTrend', `?for=${elder.accountId}`);
    expect(forFather.status).toBe(200);
    expect(forFather.json.total).toEqual(mine.json.total);
    // Her own trend holds none of his figures, though she may read his records.
    expect((await query(daughter, 'myTrend')).json.total.count).toBe(0);
    for (const who of [son, neighbour]) {
      const refused = await query(who, 'myTrend', `?for=${elder.accountId}`);
      expect(refused.status).toBe(403);
      expect(refused.json.error.code).toBe('not_allowed_to_act');
    }
    expect((await query(neighbour, 'myTrend')).json.total).toMatchObject({
      count: 1,
      values: { sugar: 3.1, systolic: null },
    });
    // The list: his measurements to him and his daughter, none to the neighbour.
    const listed = (await query(daughter, 'myRecent')).json.items;
    expect(listed.map((m: { systolic?: number }) => m.systolic)).toEqual([165, 128]);
    expect(
      (await query(neighbour, 'myRecent')).json.items.map((m: { sugar?: number }) => m.sugar),
    ).toEqual([3.1]);
    // A doctor reads every record, but charts nobody: the trend is for residents.
    expect((await query(doctor, 'myTrend')).status).toBe(403);
    const bad = await query(elder, 'myTrend', `?for=${elder.accountId}&for=x`);
    expect(bad.status).toBe(400);
  });

  it('operators read counts only, hidden under five, never a record', async () => {
    expect((await query(op, 'recent')).status).toBe(403);
    expect((await query(op, 'roster')).status).toBe(403);
    const metric = (id: string) =>
      t.call('GET', `${base()}/plugins/${plugin.id}/metrics/${id}?from=2026-03-01&to=2026-03-05`, {
        as: op.token,
      });
    const few = (await metric('measurements')).json;
    expect(few.total).toEqual({ suppressed: true });
    for (let i = 0; i < 3; i++)
      expect((await record(doctor, neighbourMember, { weight: 55 + i })).status).toBe(201);
    expect((await metric('measurements')).json.total).toMatchObject({
      count: 6,
      values: { measurements: 6 },
    });
    // Two out of range (165/95 and 3.1): too few to show.
    expect((await metric('outOfRange')).json.total).toEqual({ suppressed: true });
  });

  it('after leaving, nobody records for the person', async () => {
    const left = await act(elder, 'leave', { recordId: elderMember });
    expect(left.status).toBe(200);
    const r = await record(doctor, elderMember, { systolic: 120 });
    expect(r.status).toBe(404);
    // Past measurements stay the person's to read.
    expect((await query(elder, 'myRecent')).json.items).toHaveLength(2);
  });
});

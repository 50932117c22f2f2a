// std.elderly-canteen's monthly cap on subsidised meals per person, against the real database
// through the HTTP API: a capacity rule keyed on the person and the meal's month whose overflow
// books beyond the cap at full price (or refuses, when the operator says so). Months are the
// community's (Asia/Shanghai); the last subsidised meal raced for goes to exactly one booking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ACTOR, publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import { recordCollectionName } from '../records/names';
import { loadStandardPlugin } from '../records/test-kit';

const db = useTestDatabase('canteen-subsidy');
const C = 'c-subsidy';
const STRICT = 'c-subsidy-strict';
const FIGURES = 'c-subsidy-figures';
const plugin = loadStandardPlugin('elderly-canteen');
// 08:30 in Shanghai on Tuesday 2026-03-10: before the 09:00 cut-off.
const clock = { now: new Date('2026-03-10T00:30:00Z') };
type Person = { token: string; accountId: string };
type Answer = { status: number; json: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON answers read in assertions
let t: TestServer;
let elder: Person;
let racer: Person;
let strictElder: Person;
let operator: Person;
const diners: Person[] = [];

const base = (community: string) => `/api/v1/communities/${community}`;
async function join(
  community: string,
  username: string,
  role: 'resident' | 'operator' = 'resident',
) {
  const p = await sessionFor(t.services, { username });
  await t.services.members.ensure(community, p.accountId, role);
  return p;
}
const act = (who: Person, action: string, body: Record<string, unknown>, community = C) =>
  t.call('POST', `${base(community)}/plugins/${plugin.id}/actions/${action}`, {
    as: who.token,
    body,
  }) as Promise<Answer>;
const book = (who: Person, date: string, slot = 'lunch', community = C, subsidyTier = 'age80') =>
  act(who, 'book', { input: { date, slot, mode: 'dine_in', subsidyTier } }, community);
/** What the booking page reads: subsidised meals left this month for the signed-in person. */
async function left(who: Person, community = C): Promise<number> {
  const r = await t.call('GET', `${base(community)}/plugins/${plugin.id}/queries/subsidyLeft`, {
    as: who.token,
  });
  expect(r.status).toBe(200);
  const entry = r.json.slots[0] as { limit: number; used: number };
  return entry.limit - entry.used;
}
const bookings = () => db.connection().db!.collection(recordCollectionName(plugin.id, 'bookings'));
/** March 2026's lunches from the 10th: 22 days (10–31). */
const marchLunches = Array.from({ length: 22 }, (_, i) => `2026-03-${String(10 + i)}`);

async function install(community: string, admin: Person, config: Record<string, unknown>) {
  await t.call('POST', '/api/v1/communities', {
    as: admin.token,
    body: { id: community, name: community, city: '杭州', district: '上城区', type: 'renovation' },
  });
  const installed = await t.call('POST', `${base(community)}/installations`, {
    as: admin.token,
    body: { pluginId: plugin.id, acceptPermissions: ['notify:send', 'pii:read'] },
  });
  expect(installed.status).toBe(201);
  const current = await t.services.installations.get(community, plugin.id);
  await t.services.installations.update(ADMIN_ACTOR, community, plugin.id, {
    config: { ...current.config, ...config },
  });
}

beforeAll(async () => {
  t = await startTestServer(db.connection());
  t.services.dataPlane.now = () => clock.now;
  const admin = await sessionFor(t.services, { username: 'cs-admin', platformRoles: ['admin'] });
  await publishApproved(t.services, plugin);
  await install(C, admin, {});
  await install(STRICT, admin, { subsidisedMealsPerMonth: 2, fullPriceBeyondCap: false });
  elder = await join(C, 'cs-elder');
  racer = await join(C, 'cs-racer');
  strictElder = await join(STRICT, 'cs-strict');
  // This canteen also serves Saturday dinner (the default menu has none: a meal without a menu
  // cannot be booked).
  const meal = (day: string, slot: string) => ({ day, slot, dishes: ['米饭'], price: 15 });
  await install(FIGURES, admin, {
    subsidisedMealsPerMonth: 1,
    menu: [
      meal('fri', 'lunch'),
      meal('fri', 'dinner'),
      meal('sat', 'lunch'),
      meal('sat', 'dinner'),
    ],
  });
  operator = await join(FIGURES, 'cs-operator', 'operator');
  for (const name of ['a', 'b', 'c']) diners.push(await join(FIGURES, `cs-diner-${name}`));
});
afterAll(() => t.close());

describe('subsidised meals per person per month (default 22, full price beyond)', () => {
  it('counts down from 22; the 23rd meal of the month is booked at full price', async () => {
    expect(await left(elder)).toBe(22);
    for (const date of marchLunches) {
      const r = await book(elder, date);
      expect(r.status).toBe(201);
      expect(r.json.record).toMatchObject({ subsidy: 5, month: '2026-03' });
      expect(r.json.record.overCap).toBeUndefined();
    }
    expect(await left(elder)).toBe(0);
    const beyond = await book(elder, '2026-03-11', 'dinner');
    expect(beyond.status).toBe(201);
    expect(beyond.json.record).toMatchObject({ subsidy: 0, overCap: true, status: 'booked' });
    expect(await left(elder)).toBe(0);
  });

  it('a meal in the next month is subsidised again (the month of the meal, not of booking)', async () => {
    const april = await book(elder, '2026-04-01');
    expect(april.status).toBe(201);
    expect(april.json.record).toMatchObject({ subsidy: 5, month: '2026-04' });
  });

  it('cancelling a subsidised meal gives it back to the next booking', async () => {
    const mine = await bookings().findOne({ createdBy: elder.accountId, date: '2026-03-31' });
    const cancelled = await act(elder, 'cancel', { recordId: mine!._id });
    expect(cancelled.status).toBe(200);
    expect(await left(elder)).toBe(1);
    const again = await book(elder, '2026-03-12', 'dinner');
    expect(again.json.record).toMatchObject({ subsidy: 5 });
    expect(again.json.record.overCap).toBeUndefined();
    expect(await left(elder)).toBe(0);
  });

  it('two bookings racing for the last subsidised meal: exactly one gets it', async () => {
    for (const date of marchLunches.slice(0, 21))
      expect((await book(racer, date)).status).toBe(201);
    expect(await left(racer)).toBe(1);
    const answers = await Promise.all([
      book(racer, '2026-03-31'),
      book(racer, '2026-03-30', 'dinner'),
    ]);
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect(answers.map((a) => a.json.record.subsidy).sort()).toEqual([0, 5]);
    expect(answers.filter((a) => a.json.record.overCap === true)).toHaveLength(1);
    const subsidised = await bookings().countDocuments({
      createdBy: racer.accountId,
      month: '2026-03',
      subsidy: { $gt: 0 },
    });
    expect(subsidised).toBe(22);
    expect(await left(racer)).toBe(0);
  });

  it('at 23:30 UTC on the last day of March it is already April in Shanghai', async () => {
    const saved = clock.now;
    clock.now = new Date('2026-03-31T23:30:00Z'); // 07:30 on 1 April in Shanghai
    try {
      // April counts the one April meal booked above; March's are out of sight.
      expect(await left(elder)).toBe(21);
      const today = await book(elder, '2026-04-01', 'dinner');
      expect(today.status).toBe(201);
      expect(today.json.record).toMatchObject({ subsidy: 5, month: '2026-04' });
      expect(await left(elder)).toBe(20);
      // 31 March (the UTC date) is past in Shanghai: its cut-off has gone.
      expect((await book(elder, '2026-03-31', 'dinner')).status).toBe(409);
    } finally {
      clock.now = saved;
    }
  });
});

describe('when the operator refuses bookings beyond the cap', () => {
  it('refuses the booking beyond the cap in words and writes nothing; a cancel makes room', async () => {
    const first = await book(strictElder, '2026-03-20', 'lunch', STRICT);
    const racing = await Promise.all([
      book(strictElder, '2026-03-21', 'lunch', STRICT),
      book(strictElder, '2026-03-22', 'lunch', STRICT),
    ]);
    expect(first.status).toBe(201);
    expect(racing.map((a) => a.status).sort()).toEqual([201, 409]);
    const refused = racing.find((a) => a.status === 409)!;
    expect(refused.json.error.details.code).toBe('capacity_full');
    expect(refused.json.error.details.message['zh-CN']).toContain('补贴餐数已经用完');
    const stored = await bookings().countDocuments({ createdBy: strictElder.accountId });
    expect(stored).toBe(2);
    expect(await left(strictElder, STRICT)).toBe(0);
    const cancelled = await act(strictElder, 'cancel', { recordId: first.json.record.id }, STRICT);
    expect(cancelled.status).toBe(200);
    expect((await book(strictElder, '2026-03-23', 'lunch', STRICT)).status).toBe(201);
  });
});

describe('the canteen’s figures on the operations dashboard', () => {
  it('meals per day and the subsidised share of them, over the records booked', async () => {
    const [a, b, c] = diners as [Person, Person, Person];
    const booked = async (r: Promise<Answer>) => {
      const answer = await r;
      expect(answer.status).toBe(201);
      return answer.json.record as { id: string; subsidy: number };
    };
    // 20 March: a's lunch (subsidised), a's dinner (beyond her one), b's lunch (subsidised).
    expect((await booked(book(a, '2026-03-20', 'lunch', FIGURES))).subsidy).toBe(5);
    expect((await booked(book(a, '2026-03-20', 'dinner', FIGURES))).subsidy).toBe(0);
    expect((await booked(book(b, '2026-03-20', 'lunch', FIGURES))).subsidy).toBe(5);
    // 21 March: b's dinner (beyond), c's lunch in no subsidy group, c's dinner (subsidised); a's
    // lunch is cancelled and counts nowhere.
    expect((await booked(book(b, '2026-03-21', 'dinner', FIGURES))).subsidy).toBe(0);
    expect((await booked(book(c, '2026-03-21', 'lunch', FIGURES, 'none'))).subsidy).toBe(0);
    expect((await booked(book(c, '2026-03-21', 'dinner', FIGURES))).subsidy).toBe(5);
    const gone = await booked(book(a, '2026-03-21', 'lunch', FIGURES, 'none'));
    expect((await act(a, 'cancel', { recordId: gone.id }, FIGURES)).status).toBe(200);

    const metric = (id: string) =>
      t.call(
        'GET',
        `${base(FIGURES)}/plugins/${plugin.id}/metrics/${id}?from=2026-03-20&to=2026-03-22`,
        { as: operator.token },
      );
    const meals = await metric('booked');
    expect(meals.status).toBe(200);
    expect(meals.json.total.values.booked).toBe(6);
    const share = await metric('subsidisedShare');
    expect(share.status).toBe(200);
    expect(share.json.total.values.subsidisedShare).toBe(50);
    const byDay = Object.fromEntries(
      (share.json.rows as { bucket: string; values: Record<string, number> }[]).map((r) => [
        r.bucket,
        Math.round(r.values.subsidisedShare! * 10) / 10,
      ]),
    );
    expect(byDay).toEqual({ '2026-03-20': 66.7, '2026-03-21': 33.3 });
    // Residents do not read the community's figures.
    const asResident = await t.call(
      'GET',
      `${base(FIGURES)}/plugins/${plugin.id}/metrics/subsidisedShare?from=2026-03-20&to=2026-03-22`,
      { as: a.token },
    );
    expect(asResident.status).toBe(403);

    // The dashboard lists the figure with its label in both languages and reads the share.
    const dashboard = await t.call('GET', `${base(FIGURES)}/dashboard?period=30d`, {
      as: operator.token,
    });
    expect(dashboard.status).toBe(200);
    const head = dashboard.json.metrics.find(
      (m: { key: string }) => m.key === `${plugin.id}/subsidisedShare`,
    );
    expect(head.label).toEqual({ 'zh-CN': '补贴餐占比', en: 'Subsidised share of meals' });
  });
});

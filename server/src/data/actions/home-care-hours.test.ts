// std.home-care's monthly cap on subsidised hours (a capacity rule on a sum: each visit weighs
// its minutes, the cap is in hours) against the real database: under the cap books, past it is
// refused in words with nothing written, the family's bookings count for the elder, a cancelled
// visit gives its hours back, the month is the visit's month in Asia/Shanghai, and twenty
// bookings at once never pass the cap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ACTOR, publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import { SEATS } from '../records/names';
import { loadStandardPlugin } from '../records/test-kit';

const db = useTestDatabase('home_care_hours');
const C = 'c-home-care-hours';
const plugin = loadStandardPlugin('home-care');
const base = `/api/v1/communities/${C}`;
const clock = { now: new Date('2026-03-10T01:00:00Z') }; // 09:00 on 10 March in Shanghai
type Person = { token: string; accountId: string };
let t: TestServer;
let father: Person; // 80+
let daughter: Person; // he lets her act for him
let racer: Person; // 70-79: books twenty visits at once

async function join(username: string, ageBand: '18-59' | '70-79' | '80+'): Promise<Person> {
  const p = await sessionFor(t.services, { username });
  await t.services.members.ensure(C, p.accountId, 'resident', [], { ageBand });
  return p;
}
const book = (who: Person, input: Record<string, unknown>, forAccountId?: string) =>
  t.call('POST', `${base}/plugins/${plugin.id}/actions/book`, {
    as: who.token,
    body: {
      input: { slot: 'morning', address: '5幢2单元401', ...input },
      ...(forAccountId ? { forAccountId } : {}),
    },
  });
const cancel = (who: Person, recordId: string) =>
  t.call('POST', `${base}/plugins/${plugin.id}/actions/cancel`, {
    as: who.token,
    body: { recordId },
  });
/**
 * What the booking page's figure reads: the subsidised hours left this month (with `forWhom`, of
 * the elder the page books for).
 */
const hoursLeft = async (who: Person, forWhom?: Person) => {
  const r = await t.call(
    'GET',
    `${base}/plugins/${plugin.id}/queries/hoursLeft${forWhom ? `?for=${forWhom.accountId}` : ''}`,
    { as: who.token },
  );
  expect(r.status).toBe(200);
  return (r.json.slots as { left: number }[])[0]!.left;
};
const visitsOf = async (who: Person) =>
  (await t.call('GET', `${base}/plugins/${plugin.id}/queries/mine`, { as: who.token })).json
    .items as { id: string; status: string }[];

beforeAll(async () => {
  t = await startTestServer(db.connection());
  t.services.dataPlane.now = () => clock.now;
  const admin = await sessionFor(t.services, { username: 'hh-admin', platformRoles: ['admin'] });
  await publishApproved(t.services, plugin);
  await t.call('POST', '/api/v1/communities', {
    as: admin.token,
    body: { id: C, name: C, city: '杭州', district: '西湖区', type: 'renovation' },
  });
  const installed = await t.call('POST', `${base}/installations`, {
    as: admin.token,
    body: { pluginId: plugin.id, acceptPermissions: ['notify:send', 'pii:read', 'uploads:write'] },
  });
  expect(installed.status).toBe(201);
  // A cap of 3 hours a month, so a few visits reach it.
  const current = await t.services.installations.get(C, plugin.id);
  await t.services.installations.update(ADMIN_ACTOR, C, plugin.id, {
    config: { ...current.config, subsidisedHoursPerMonth: 3 },
  });
  father = await join('hh-father', '80+');
  daughter = await join('hh-daughter', '18-59');
  racer = await join('hh-racer', '70-79');
  const inv = await t.call('POST', `${base}/family/invitations`, {
    as: father.token,
    body: { relation: 'parent', grant: { act: true, notify: true } },
  });
  const accepted = await t.call('POST', `${base}/family/accept`, {
    as: daughter.token,
    body: { code: inv.json.code, grant: { act: false, notify: false } },
  });
  expect(accepted.status).toBe(201);
});
afterAll(() => t.close());

describe('std.home-care: subsidised hours per elder per month', () => {
  let cleaning: string;

  it('books under the cap, the daughter’s booking counting for her father', async () => {
    expect(await hoursLeft(father)).toBe(3);
    const own = await book(father, { date: '2026-03-12', service: 'cleaning' }); // 2 hours
    expect(own.status).toBe(201);
    expect(own.json.record).toMatchObject({ month: '2026-03', minutes: 120 });
    cleaning = own.json.record.id;
    expect(await hoursLeft(father)).toBe(1);
    const forHim = await book(
      daughter,
      { date: '2026-03-13', service: 'bathing' },
      father.accountId,
    );
    expect(forHim.status).toBe(201);
    expect(forHim.json.record.createdBy).toBe(father.accountId);
    expect(await hoursLeft(father)).toBe(0);
  });

  it('the daughter’s booking page reads her father’s hours and pause, not her own; no one else’s', async () => {
    // Her own month is untouched; his is used up — the page booking for him says his.
    expect(await hoursLeft(daughter)).toBe(3);
    expect(await hoursLeft(daughter, father)).toBe(0);
    const pause = await t.call(
      'GET',
      `${base}/plugins/${plugin.id}/actions/book/pause?for=${father.accountId}`,
      {
        as: daughter.token,
      },
    );
    expect(pause.status).toBe(200);
    expect(pause.json).toEqual({ until: null });
    // Someone he never allowed is refused in words, for the figure and the pause alike.
    const stranger = await t.call(
      'GET',
      `${base}/plugins/${plugin.id}/queries/hoursLeft?for=${father.accountId}`,
      {
        as: racer.token,
      },
    );
    expect(stranger.status).toBe(403);
    expect(stranger.json.error.details.code).toBe('not_allowed_to_act');
    const strangerPause = await t.call(
      'GET',
      `${base}/plugins/${plugin.id}/actions/book/pause?for=${father.accountId}`,
      {
        as: racer.token,
      },
    );
    expect(strangerPause.status).toBe(403);
    // He did not let his daughter's figures be read by him (she gave no grant).
    expect(
      (
        await t.call(
          'GET',
          `${base}/plugins/${plugin.id}/queries/hoursLeft?for=${daughter.accountId}`,
          {
            as: father.token,
          },
        )
      ).status,
    ).toBe(403);
    // A list query takes no `for`: only figures are read for someone.
    const list = await t.call(
      'GET',
      `${base}/plugins/${plugin.id}/queries/mine?for=${father.accountId}`,
      {
        as: daughter.token,
      },
    );
    expect(list.status).toBe(400);
  });

  it('refuses a visit past the cap in words, with the figures, and writes nothing', async () => {
    const before = await visitsOf(father);
    const r = await book(father, { date: '2026-03-14', service: 'meals' }); // half an hour
    expect(r.status).toBe(409);
    expect(r.json.error.details).toMatchObject({
      code: 'capacity_full',
      used: 3,
      weight: 0.5,
      limit: 3,
    });
    expect(r.json.error.details.message['zh-CN']).toContain(
      '本月补贴时长已用 3 小时，本次 0.5 小时将超出每月 3 小时上限',
    );
    expect(r.json.error.details.message.en).toContain('3 subsidised hours used this month');
    // The daughter booking for him is refused the same way.
    const forHim = await book(daughter, { date: '2026-03-14', service: 'meals' }, father.accountId);
    expect(forHim.status).toBe(409);
    expect(await visitsOf(father)).toEqual(before);
    // Nothing of the refused visits holds a seat of the half-day either.
    const seats = await db.connection().db!.collection(SEATS).countDocuments({ communityId: C });
    expect(seats).toBe(2 + 4 + 2); // two visits' half-day places, 2 h + 1 h in half-hours
  });

  it('a cancelled visit gives its hours back', async () => {
    expect((await cancel(father, cleaning)).json.record.status).toBe('cancelled');
    expect(await hoursLeft(father)).toBe(2);
    const escort = await book(father, { date: '2026-03-15', service: 'escort' }); // 3 hours
    expect(escort.status).toBe(409);
    expect(escort.json.error.details).toMatchObject({ used: 1, weight: 3, limit: 3 });
    expect((await book(father, { date: '2026-03-15', service: 'cleaning' })).status).toBe(201);
    expect(await hoursLeft(father)).toBe(0);
  });

  it('counts a visit in the month of its date in Asia/Shanghai, which rolls over at local midnight', async () => {
    // 23:30 on 31 March in Shanghai (15:30 UTC): March is spent.
    clock.now = new Date('2026-03-31T15:30:00Z');
    expect(await hoursLeft(father)).toBe(0);
    // A visit on 2 April is April's, though booked in March.
    const april = await book(father, { date: '2026-04-02', service: 'cleaning' });
    expect(april.status).toBe(201);
    expect(april.json.record.month).toBe('2026-04');
    // 00:30 on 1 April in Shanghai, still 31 March in UTC: the figure reads April's.
    clock.now = new Date('2026-03-31T16:30:00Z');
    expect(await hoursLeft(father)).toBe(1);
    clock.now = new Date('2026-03-10T01:00:00Z');
  });

  it('twenty bookings at once never pass the cap', async () => {
    const days = Array.from({ length: 10 }, (_, i) => `2026-03-${String(12 + i).padStart(2, '0')}`);
    const inputs = days.flatMap((date) =>
      ['morning', 'afternoon'].map((slot) => ({ date, slot, service: 'bathing' })),
    ); // twenty visits of an hour each, each in its own half-day
    const results = await Promise.all(inputs.map((input) => book(racer, input)));
    const booked = results.filter((r) => r.status === 201).length;
    for (const r of results.filter((x) => x.status !== 201)) {
      expect(r.status).toBe(409);
      expect(r.json.error.details.code).toBe('capacity_full');
    }
    expect(booked).toBeGreaterThanOrEqual(1);
    expect(booked).toBeLessThanOrEqual(3);
    expect((await visitsOf(racer)).length).toBe(booked);
    expect(await hoursLeft(racer)).toBe(3 - booked);
  });
});

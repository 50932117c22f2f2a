// std.shared-spaces' limit of hours per household per week (a capacity rule on a sum: each
// booking weighs its slot's minutes, the limit is in hours, keyed by household and week) against
// the real database: a linked family member's bookings count for the same household, past the
// limit is refused in words with nothing written, a cancel gives the hours back, the week turns
// on Monday 00:00 in Asia/Shanghai, and twenty bookings at once never pass the limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ACTOR, publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import { loadStandardPlugin } from '../records/test-kit';

const db = useTestDatabase('shared_spaces_hours');
const C = 'c-spaces-hours';
const plugin = loadStandardPlugin('shared-spaces');
const base = `/api/v1/communities/${C}`;
const clock = { now: new Date('2026-03-10T01:00:00Z') }; // Tuesday 10 March, 09:00 in Shanghai
type Person = { token: string; accountId: string };
let t: TestServer;
let mother: Person;
let son: Person; // linked to her: one household
let neighbour: Person; // a household of one
let racer: Person;

async function join(username: string): Promise<Person> {
  const p = await sessionFor(t.services, { username });
  await t.services.members.ensure(C, p.accountId, 'resident');
  return p;
}
/** The court's slots are an hour long, the study's two hours (the plugin's default spaces). */
const book = (who: Person, space: string, date: string, start: string) =>
  t.call('POST', `${base}/plugins/${plugin.id}/actions/book`, {
    as: who.token,
    body: { input: { space, date, start } },
  });
const cancel = (who: Person, recordId: string) =>
  t.call('POST', `${base}/plugins/${plugin.id}/actions/cancel`, {
    as: who.token,
    body: { recordId },
  });
/** What the booking page's figure reads: the household's hours left this week. */
const hoursLeft = async (who: Person) => {
  const r = await t.call('GET', `${base}/plugins/${plugin.id}/queries/hoursLeft`, {
    as: who.token,
  });
  expect(r.status).toBe(200);
  return (r.json.slots as { left: number }[])[0]!.left;
};
const bookingsOf = async (who: Person) =>
  (await t.call('GET', `${base}/plugins/${plugin.id}/queries/myBookings`, { as: who.token })).json
    .items as { id: string }[];

beforeAll(async () => {
  t = await startTestServer(db.connection());
  t.services.dataPlane.now = () => clock.now;
  const admin = await sessionFor(t.services, { username: 'sh-admin', platformRoles: ['admin'] });
  await publishApproved(t.services, plugin);
  await t.call('POST', '/api/v1/communities', {
    as: admin.token,
    body: { id: C, name: C, city: '杭州', district: '上城区', type: 'renovation' },
  });
  const installed = await t.call('POST', `${base}/installations`, {
    as: admin.token,
    body: { pluginId: plugin.id, acceptPermissions: ['notify:send', 'pii:read'] },
  });
  expect(installed.status).toBe(201);
  const current = await t.services.installations.get(C, plugin.id);
  await t.services.installations.update(ADMIN_ACTOR, C, plugin.id, {
    config: { ...current.config, weeklyHours: 4 },
  });
  mother = await join('sh-mother');
  son = await join('sh-son');
  neighbour = await join('sh-neighbour');
  racer = await join('sh-racer');
  const inv = await t.call('POST', `${base}/family/invitations`, {
    as: mother.token,
    body: { relation: 'parent', grant: { act: false, notify: false } },
  });
  const accepted = await t.call('POST', `${base}/family/accept`, {
    as: son.token,
    body: { code: inv.json.code, grant: { act: false, notify: false } },
  });
  expect(accepted.status).toBe(201);
});
afterAll(() => t.close());

describe('std.shared-spaces: hours per household per week', () => {
  let study = '';

  it('mother and son share their household’s hours; the neighbour has his own', async () => {
    expect(await hoursLeft(mother)).toBe(4);
    const own = await book(mother, 'study', '2026-03-12', '08:00'); // 2 hours
    expect(own.status).toBe(201);
    expect(own.json.record.week).toBe('2026-03-09');
    study = own.json.record.id;
    expect(await hoursLeft(son)).toBe(2);
    expect((await book(son, 'court', '2026-03-12', '18:00')).status).toBe(201); // 1 hour
    expect(await hoursLeft(mother)).toBe(1);
    expect(await hoursLeft(neighbour)).toBe(4);
  });

  it('refuses a booking past the limit in words, with the figures, and writes nothing', async () => {
    const before = await bookingsOf(son);
    const r = await book(son, 'study', '2026-03-13', '10:00');
    expect(r.status).toBe(409);
    expect(r.json.error.details).toMatchObject({
      code: 'capacity_full',
      used: 3,
      weight: 2,
      limit: 4,
    });
    expect(r.json.error.details.message['zh-CN']).toContain(
      '本周您家已预约 3 小时，本次 2 小时将超出每户每周 4 小时上限',
    );
    expect(r.json.error.details.message.en).toContain('Your household has booked 3 hours');
    expect(await bookingsOf(son)).toEqual(before);
    // The slot the refused booking wanted is still free for anyone.
    expect((await book(neighbour, 'study', '2026-03-13', '10:00')).status).toBe(201);
  });

  it('a cancelled booking gives its hours back to the household', async () => {
    expect((await cancel(mother, study)).json.record.status).toBe('cancelled');
    expect(await hoursLeft(son)).toBe(3);
    expect((await book(son, 'study', '2026-03-13', '14:00')).status).toBe(201);
    expect(await hoursLeft(mother)).toBe(1);
  });

  it('a new week starts on Monday 00:00 in Shanghai, still Sunday in UTC', async () => {
    // A slot on Monday 16 March is next week's, booked while this week is spent.
    const monday = await book(mother, 'study', '2026-03-16', '08:00');
    expect(monday.status).toBe(201);
    expect(monday.json.record.week).toBe('2026-03-16');
    // 23:30 on Sunday 15 March in Shanghai: still this week's figure.
    clock.now = new Date('2026-03-15T15:30:00Z');
    expect(await hoursLeft(mother)).toBe(1);
    // 00:30 on Monday 16 March in Shanghai (16:30 UTC on Sunday): next week's, 2 of 4 used.
    clock.now = new Date('2026-03-15T16:30:00Z');
    expect(await hoursLeft(son)).toBe(2);
    clock.now = new Date('2026-03-10T01:00:00Z');
  });

  it('twenty bookings at once never pass the limit', async () => {
    // Twenty one-hour court slots of one week, each its own slot: at most four fit.
    const inputs = ['2026-03-11', '2026-03-12'].flatMap((date) =>
      Array.from({ length: 10 }, (_, i) => ({
        date,
        start: `${String(8 + i).padStart(2, '0')}:00`,
      })),
    );
    const results = await Promise.all(inputs.map((x) => book(racer, 'court', x.date, x.start)));
    const booked = results.filter((r) => r.status === 201).length;
    for (const r of results.filter((x) => x.status !== 201)) {
      expect(r.status).toBe(409);
      expect(r.json.error.details.code).toBe('capacity_full');
    }
    expect(booked).toBeGreaterThanOrEqual(1);
    expect(booked).toBeLessThanOrEqual(4);
    expect((await bookingsOf(racer)).length).toBe(booked);
    expect(await hoursLeft(racer)).toBe(4 - booked);
  });
});

// std.elderly-canteen's closed meals and its cut-off reminder, against the real database through
// the HTTP API on a test clock: a meal without a menu (`offered` over config.menu) or past the
// same-day cut-off (`deadline`) is refused in words and nothing is written; the reminder
// (`cutoffReminder`, an at-schedule with an absence rule and `onePer: createdBy`) tells each
// resident who booked in the last 14 days and has nothing for tomorrow once a day, nobody else,
// and nobody in a community that switched it off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ACTOR, publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import { readInbox } from '../notifications/inbox';
import { recordCollectionName } from '../records/names';
import { loadStandardPlugin } from '../records/test-kit';

const db = useTestDatabase('canteen-closed');
const C = 'c-canteen-closed';
const OTHER = 'c-canteen-closed-other';
const plugin = loadStandardPlugin('elderly-canteen');
const REMINDER = '明天的餐还没有预订';
// Tuesday 3 March 2026, 08:30 in Shanghai: before the 09:00 cut-off.
const clock = { now: new Date('2026-03-03T00:30:00Z') };
type Person = { token: string; accountId: string };
type Answer = { status: number; json: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON answers read in assertions
let t: TestServer;
const people: Record<string, Person> = {};

const base = (community: string) => `/api/v1/communities/${community}`;
const book = (who: Person, date: string, slot = 'lunch', community = C) =>
  t.call('POST', `${base(community)}/plugins/${plugin.id}/actions/book`, {
    as: who.token,
    body: { input: { date, slot, mode: 'dine_in' } },
  }) as Promise<Answer>;
const bookings = () => db.connection().db!.collection(recordCollectionName(plugin.id, 'bookings'));
const reminders = async (who: Person) =>
  (await readInbox(db.connection().db!, who.accountId)).filter(
    (m) => m.title['zh-CN'] === REMINDER,
  );
async function remind(at: string): Promise<void> {
  clock.now = new Date(at);
  await t.services.scheduleRunner.drain();
  await t.services.dataPlane.notifications.drain();
}

async function install(community: string, admin: Person) {
  await t.call('POST', '/api/v1/communities', {
    as: admin.token,
    body: { id: community, name: community, city: '杭州', district: '上城区', type: 'renovation' },
  });
  const installed = await t.call('POST', `${base(community)}/installations`, {
    as: admin.token,
    body: { pluginId: plugin.id, acceptPermissions: ['notify:send', 'pii:read'] },
  });
  expect(installed.status).toBe(201);
  // Installed before the test clock's days (occurrences before an installation do not run).
  await t.services.models.Installation.updateOne(
    { _id: `${community}:${plugin.id}` },
    { $set: { installedAt: new Date('2026-03-01T00:00:00Z') } },
  );
}

beforeAll(async () => {
  t = await startTestServer(db.connection());
  t.services.dataPlane.now = () => clock.now;
  const admin = await sessionFor(t.services, { username: 'cc-admin', platformRoles: ['admin'] });
  await publishApproved(t.services, plugin);
  await install(C, admin);
  await install(OTHER, admin);
  for (const [name, community] of [
    ['regular', C],
    ['twice', C],
    ['tomorrow', C],
    ['newcomer', C],
    ['cancelled', C],
    ['elsewhere', OTHER],
  ] as const) {
    people[name] = await sessionFor(t.services, { username: `cc-${name}` });
    await t.services.members.ensure(community, people[name].accountId, 'resident');
  }
  // The other community has switched the reminder off.
  await t.services.schedules.set(ADMIN_ACTOR, OTHER, plugin.id, 'cutoffReminder', false);
  await t.services.models.Installation.updateOne(
    { _id: `${OTHER}:${plugin.id}` },
    { $set: { 'schedules.cutoffReminder.at': new Date('2026-03-01T00:00:00Z') } },
  );
  t.services.scheduleRunner.invalidate();
});
afterAll(() => t.close());

describe('a meal without a menu, a meal past its cut-off', () => {
  it('refuses Saturday dinner (not on the default menu) in words and writes nothing', async () => {
    const p = people.newcomer!;
    const refused = await book(p, '2026-03-07', 'dinner');
    expect(refused.status).toBe(409);
    expect(refused.json.error.details.code).toBe('not_offered');
    expect(refused.json.error.details.message).toEqual({
      'zh-CN': '菜单尚未发布，暂不能订餐。',
      en: 'The menu for this meal is not out yet; it cannot be booked.',
    });
    expect(await bookings().countDocuments({ communityId: C, date: '2026-03-07' })).toBe(0);
    // Saturday lunch is on the menu.
    expect((await book(p, '2026-03-07', 'lunch')).status).toBe(201);
  });

  it('refuses today’s meals after the 09:00 cut-off and takes tomorrow’s', async () => {
    const p = people.newcomer!;
    clock.now = new Date('2026-03-03T01:30:00Z'); // 09:30 in Shanghai
    const late = await book(p, '2026-03-03', 'lunch');
    expect(late.status).toBe(409);
    expect(late.json.error.details.code).toBe('deadline_passed');
    expect(late.json.error.details.message['zh-CN']).toBe('已过当日订餐截止时间，请预订其他日期。');
    expect(await bookings().countDocuments({ communityId: C, date: '2026-03-03' })).toBe(0);
    expect((await book(p, '2026-03-04', 'lunch')).status).toBe(201);
  });
});

describe('the cut-off reminder (the day before, 18:00)', () => {
  it('tells those who booked in the last 14 days and have nothing tomorrow, once a day', async () => {
    clock.now = new Date('2026-03-03T00:30:00Z');
    // Earlier this fortnight (booked ahead): the regular once, "twice" twice.
    expect((await book(people.regular!, '2026-03-05')).status).toBe(201);
    expect((await book(people.twice!, '2026-03-05')).status).toBe(201);
    expect((await book(people.twice!, '2026-03-06', 'dinner')).status).toBe(201);
    expect((await book(people.tomorrow!, '2026-03-05')).status).toBe(201);
    expect((await book(people.elsewhere!, '2026-03-05', 'lunch', OTHER)).status).toBe(201);
    // A booking cancelled is not ordering.
    const gone = await book(people.cancelled!, '2026-03-05');
    const cancel = await t.call('POST', `${base(C)}/plugins/${plugin.id}/actions/cancel`, {
      as: people.cancelled!.token,
      body: { recordId: gone.json.record.id },
    });
    expect(cancel.status).toBe(200);
    // On the 10th, "tomorrow" books the 11th before the evening.
    clock.now = new Date('2026-03-10T05:00:00Z');
    expect((await book(people.tomorrow!, '2026-03-11')).status).toBe(201);

    // 18:05 in Shanghai on the 10th.
    await remind('2026-03-10T10:05:00Z');
    expect(await reminders(people.regular!)).toHaveLength(1);
    expect(await reminders(people.twice!)).toHaveLength(1); // two bookings, one reminder
    expect(await reminders(people.tomorrow!)).toHaveLength(0); // booked for tomorrow
    expect(await reminders(people.newcomer!)).toHaveLength(1); // booked the 4th and the 7th
    expect(await reminders(people.cancelled!)).toHaveLength(0); // never ordered
    expect(await reminders(people.elsewhere!)).toHaveLength(0); // switched off there
    const [message] = await reminders(people.regular!);
    expect(message!.title).toEqual({ 'zh-CN': REMINDER, en: 'Nothing booked for tomorrow yet' });
    // The cut-off is the installation's, in words (09:00 reads 9:00), never the placeholder.
    expect(message!.body).toEqual({
      'zh-CN': '明天的餐次请在明天 9:00 截止前预订，截止后不能再订。',
      en: "Tomorrow's meals can be booked until the cut-off at 9:00 tomorrow; after it they cannot.",
    });

    // The same evening again (another process, a restart): nobody is told twice.
    await remind('2026-03-10T10:30:00Z');
    expect(await reminders(people.regular!)).toHaveLength(1);
    expect(await reminders(people.twice!)).toHaveLength(1);

    // The next evening is another day; the regular's booking of the 5th is still within 14 days.
    await remind('2026-03-11T10:05:00Z');
    expect(await reminders(people.regular!)).toHaveLength(2);
    expect(await reminders(people.tomorrow!)).toHaveLength(1); // nothing for the 12th

    // Past 14 days from the last meal, a person no longer "usually orders".
    await remind('2026-03-20T10:05:00Z');
    expect(await reminders(people.regular!)).toHaveLength(2);
    expect(await reminders(people.twice!)).toHaveLength(3); // the 6th is still within 14 days
  });

  it('says nothing the evening before a day with nothing on the menu', async () => {
    // The operator closes the canteen on Sundays (the default menu has Sunday lunch).
    const current = await t.services.installations.get(C, plugin.id);
    const menu = (current.config.menu as { day: string }[]).filter((e) => e.day !== 'sun');
    await t.services.installations.update(ADMIN_ACTOR, C, plugin.id, {
      config: { ...current.config, menu },
    });
    t.services.scheduleRunner.invalidate();
    // Saturday the 21st, 10:00: the regular books Monday's lunch (the newcomer's booking of the
    // 7th also still counts as ordering within 14 days).
    clock.now = new Date('2026-03-21T02:00:00Z');
    expect((await book(people.regular!, '2026-03-23')).status).toBe(201);
    const regular = (await reminders(people.regular!)).length;
    const newcomer = (await reminders(people.newcomer!)).length;
    // Saturday evening: nothing is served on Sunday, so nobody is asked to book it.
    await remind('2026-03-21T10:05:00Z');
    expect(await reminders(people.regular!)).toHaveLength(regular);
    expect(await reminders(people.newcomer!)).toHaveLength(newcomer);
    // Monday evening: Tuesday is on the menu and the regular has nothing booked for it.
    await remind('2026-03-23T10:05:00Z');
    expect(await reminders(people.regular!)).toHaveLength(regular + 1);
  });
});

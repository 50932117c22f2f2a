// Pausing bookings after repeated no-shows (`guard` on std.shared-spaces' `book`), against the
// real database on a test clock: no-shows are recorded by the plugin's own schedule, counted per
// person on the community's local days; the third within 30 days pauses new bookings for 14
// days (the resident is told why and until when), a no-show 31 days before does not count,
// space staff lift a pause early with a note (audited), and nobody else is affected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import { listInbox } from '../notifications/service';
import { loadStandardPlugin } from '../records/test-kit';
import { GUARD_TALLIES } from '../records/names';

const db = useTestDatabase('space_pauses');
const C = 'c-pauses';
const plugin = loadStandardPlugin('shared-spaces');
const base = `/api/v1/communities/${C}/plugins/${plugin.id}`;
const clock = { now: new Date('2026-10-29T01:00:00Z') };
type Person = { token: string; accountId: string };
let t: TestServer;
let staff: Person;
let often: Person; // misses her bookings
let neighbour: Person;

/** A local time in Shanghai (UTC+8) as the test clock's instant. */
const at = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);
const book = (who: Person, day: string, start = '18:00') =>
  t.call('POST', `${base}/actions/book`, {
    as: who.token,
    body: { input: { space: 'court', date: day, start } },
  });
const pauseOf = async (who: Person) =>
  (await t.call('GET', `${base}/actions/book/pause`, { as: who.token })).json;
const lift = (who: Person, body: Record<string, unknown>) =>
  t.call('POST', `${base}/guards/noShows/lift`, { as: who.token, body });
const inboxTitles = async (who: Person) =>
  (await listInbox(db.connection().db!, who.accountId, { communityId: C })).items
    .filter((m) => m.pluginId === plugin.id)
    .map((m) => m.title['zh-CN']);
const PAUSED = '因多次未到场，您的预约已暂停至 12月14日';

/** Books the court at 18:00 on `day` in the morning and lets the schedule mark the no-show. */
async function missOn(day: string) {
  clock.now = at(day, '09:00');
  const r = await book(often, day);
  expect(r.status).toBe(201);
  clock.now = at(day, '19:20'); // the slot ended at 19:00; no-shows 15 minutes after
  await t.services.scheduleRunner.drain();
  await t.services.scheduleRunner.drain();
  await t.services.dataPlane.notifications.drain();
}

beforeAll(async () => {
  t = await startTestServer(db.connection());
  t.services.dataPlane.now = () => clock.now;
  const admin = await sessionFor(t.services, { username: 'pz-admin', platformRoles: ['admin'] });
  await publishApproved(t.services, plugin);
  await t.call('POST', '/api/v1/communities', {
    as: admin.token,
    body: { id: C, name: C, city: '杭州', district: '上城区', type: 'renovation' },
  });
  const installed = await t.call('POST', `/api/v1/communities/${C}/installations`, {
    as: admin.token,
    body: { pluginId: plugin.id, acceptPermissions: ['notify:send', 'pii:read'] },
  });
  expect(installed.status).toBe(201);
  await t.services.models.Installation.updateOne(
    { _id: `${C}:${plugin.id}` },
    { $set: { installedAt: new Date('2026-10-01T00:00:00Z') } },
  );
  const join = async (username: string, role: 'resident' | 'staff') => {
    const p = await sessionFor(t.services, { username });
    await t.services.members.ensure(C, p.accountId, role);
    return p;
  };
  staff = await join('pz-staff', 'staff');
  often = await join('pz-often', 'resident');
  neighbour = await join('pz-neighbour', 'resident');
});
afterAll(() => t.close());

describe('pausing bookings after repeated no-shows', () => {
  it('two no-shows within 30 days and one 31 days before pause nothing: the window slides', async () => {
    await missOn('2026-10-29');
    await missOn('2026-11-16');
    await missOn('2026-11-29'); // 29 Oct is 31 days before
    expect(await pauseOf(often)).toEqual({ until: null });
    expect(await inboxTitles(often)).not.toContain(PAUSED);
    clock.now = at('2026-11-29', '20:00');
    const next = await book(often, '2026-11-30');
    expect(next.status).toBe(201);
    // The no-show each time, as before.
    expect((await inboxTitles(often)).filter((x) => x === '您预约的场地未到场')).toHaveLength(3);
  });

  it('the third within 30 days pauses new bookings for 14 days, and she is told until when', async () => {
    clock.now = at('2026-11-30', '19:20'); // the booking made yesterday for today 18:00 is missed
    await t.services.scheduleRunner.drain();
    await t.services.scheduleRunner.drain();
    await t.services.dataPlane.notifications.drain();
    const inbox = (
      await listInbox(db.connection().db!, often.accountId, { communityId: C })
    ).items.filter((m) => m.title['zh-CN'] === PAUSED);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.title.en).toBe(
      'Because of repeated no-shows, your bookings are paused until 14 Dec',
    );
    expect(await pauseOf(often)).toEqual({
      until: '2026-12-14',
      message: {
        'zh-CN': '因多次未到场，您的预约已暂停至 12月14日，当天起可以再预约。',
        en: 'Because of repeated no-shows, your bookings are paused until 14 Dec; you can book again from that day.',
      },
    });
  });

  it('a fourth booking is refused in words naming the date, and nothing is written', async () => {
    clock.now = at('2026-12-01', '09:00');
    const before = (await t.call('GET', `${base}/queries/myBookings`, { as: often.token })).json
      .items.length;
    const r = await book(often, '2026-12-02');
    expect(r.status).toBe(409);
    expect(r.json.error.details).toMatchObject({ code: 'paused', until: '2026-12-14' });
    expect(r.json.error.details.message['zh-CN']).toContain('暂停至 12月14日');
    expect(r.json.error.details.message.en).toContain('paused until 14 Dec');
    const after = (await t.call('GET', `${base}/queries/myBookings`, { as: often.token })).json
      .items.length;
    expect(after).toBe(before);
  });

  it('another resident is not affected', async () => {
    expect(await pauseOf(neighbour)).toEqual({ until: null });
    expect((await book(neighbour, '2026-12-02')).status).toBe(201);
  });

  it('the pause ends on the day it names', async () => {
    clock.now = at('2026-12-13', '23:59');
    expect((await pauseOf(often)).until).toBe('2026-12-14');
    clock.now = at('2026-12-14', '00:01');
    expect(await pauseOf(often)).toEqual({ until: null });
    clock.now = at('2026-12-01', '10:00');
  });

  it('space staff see who is paused and lift it early with a note; it is audited', async () => {
    const paused = await t.call('GET', `${base}/guards/noShows/paused`, { as: staff.token });
    expect(paused.status).toBe(200);
    expect(paused.json.items).toEqual([
      { accountId: often.accountId, displayName: 'pz-often', until: '2026-12-14' },
    ]);
    // Residents may neither list nor lift; a blank note, an unknown guard, someone not paused.
    expect(
      (await t.call('GET', `${base}/guards/noShows/paused`, { as: neighbour.token })).status,
    ).toBe(403);
    expect((await lift(often, { accountId: often.accountId, note: '我会准时' })).status).toBe(403);
    const blank = await lift(staff, { accountId: often.accountId, note: '  ' });
    expect([blank.status, blank.json.error.details.code]).toEqual([400, 'note_required']);
    expect(
      (
        await t.call('POST', `${base}/guards/nothing/lift`, {
          as: staff.token,
          body: { accountId: often.accountId, note: '说明' },
        })
      ).status,
    ).toBe(404);
    const notPaused = await lift(staff, { accountId: neighbour.accountId, note: '误操作' });
    expect([notPaused.status, notPaused.json.error.details.code]).toEqual([409, 'not_paused']);
    expect(await pauseOf(often)).toMatchObject({ until: '2026-12-14' });

    const ok = await lift(staff, { accountId: often.accountId, note: '家中有事，已电话说明' });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ lifted: true, until: '2026-12-14' });
    const audit = await t.services.models.AuditEntry.find({ action: 'records.pause-lift' }).lean();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: staff.accountId,
      communityId: C,
      targetType: 'account',
      targetId: often.accountId,
      summary: {
        pluginId: plugin.id,
        guard: 'noShows',
        until: '2026-12-14',
        note: '家中有事，已电话说明',
      },
    });
    expect(await pauseOf(often)).toEqual({ until: null });
    expect((await book(often, '2026-12-03')).status).toBe(201);
    expect(
      (await t.call('GET', `${base}/guards/noShows/paused`, { as: staff.token })).json.items,
    ).toEqual([]);
  });

  it('the tally is one document per person, read by its key', async () => {
    const docs = await db.connection().db!.collection(GUARD_TALLIES).find({}).toArray();
    expect(docs.map((d) => d._id)).toEqual([`${C}|${plugin.id}|noShows|${often.accountId}`]);
    expect(docs[0]!.entries).toHaveLength(4);
  });

  it('the tally forgets what can no longer pause anyone, and the rule still counts', async () => {
    // Months later: the old no-shows are past any window (30 days + a 14-day pause).
    await missOn('2027-03-01');
    const tally = await db
      .connection()
      .db!.collection(GUARD_TALLIES)
      .findOne({ _id: `${C}|${plugin.id}|noShows|${often.accountId}` } as never);
    expect(tally!.entries.map((e: { day: string }) => e.day)).toEqual(['2027-03-01']);
    expect(await pauseOf(often)).toEqual({ until: null });
    // Two more within the window pause her again: what was forgotten was never needed.
    await missOn('2027-03-05');
    await missOn('2027-03-09');
    expect(await pauseOf(often)).toMatchObject({ until: '2027-03-23' });
  });
});

// std.elderly-canteen's write-off at the counter (取餐核销) against the real database through the
// HTTP API: staff type the code a resident shows and the server finds the booking by it (`findBy`)
// among today's dine-in bookings of the community, exactly once; every refusal changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import { listInbox } from '../notifications/service';
import { CODES, recordCollectionName } from '../records/names';
import { loadStandardPlugin } from '../records/test-kit';

const db = useTestDatabase('canteen-write-off');
const C = 'c-canteen';
const OTHER = 'c-canteen-other';
const plugin = loadStandardPlugin('elderly-canteen');
// 08:30 in Shanghai on Tuesday 2026-03-10: before the 09:00 cut-off, so today's lunch can be booked.
const clock = { now: new Date('2026-03-10T00:30:00Z') };
const TODAY = '2026-03-10';
const TOMORROW = '2026-03-11';
type Person = { token: string; accountId: string };
let t: TestServer;
let staff: Person;
let elder: Person;
let neighbour: Person;
let admin: Person;
let elsewhere: Person;
const codes: Record<string, string> = {};
const ids: Record<string, string> = {};

const base = (community: string) => `/api/v1/communities/${community}`;
async function join(community: string, username: string, role: 'resident' | 'staff') {
  const p = await sessionFor(t.services, { username });
  await t.services.members.ensure(community, p.accountId, role);
  return p;
}
const act = (who: Person, action: string, body: Record<string, unknown>, community = C) =>
  t.call('POST', `${base(community)}/plugins/${plugin.id}/actions/${action}`, {
    as: who.token,
    body,
  });
const writeOff = (who: Person, code: string, extra: Record<string, unknown> = {}) =>
  act(who, 'writeOff', { input: { code }, ...extra });
const statusOf = async (key: string) =>
  (
    await db
      .connection()
      .db!.collection(recordCollectionName(plugin.id, 'bookings'))
      .findOne({ _id: ids[key] as never })
  )?.status;

async function book(key: string, who: Person, input: Record<string, unknown>, community = C) {
  const r = await act(
    who,
    'book',
    { input: { slot: 'lunch', mode: 'dine_in', ...input } },
    community,
  );
  expect(r.status).toBe(201);
  codes[key] = r.json.record.code;
  ids[key] = r.json.record.id;
}

/** A six-digit code no booking of this test holds. */
function unusedCode(): string {
  const taken = new Set(Object.values(codes));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!taken.has(code)) return code;
  }
}

/** A community with the canteen installed before the test's dates. */
async function openCommunity(id: string) {
  await t.call('POST', '/api/v1/communities', {
    as: admin.token,
    body: { id, name: id, city: '杭州', district: '上城区', type: 'renovation' },
  });
  const installed = await t.call('POST', `${base(id)}/installations`, {
    as: admin.token,
    body: { pluginId: plugin.id, acceptPermissions: ['notify:send', 'pii:read'] },
  });
  expect(installed.status).toBe(201);
  await t.services.models.Installation.updateOne(
    { _id: `${id}:${plugin.id}` },
    { $set: { installedAt: new Date('2026-03-01T00:00:00Z') } },
  );
}

beforeAll(async () => {
  t = await startTestServer(db.connection());
  t.services.dataPlane.now = () => clock.now;
  admin = await sessionFor(t.services, { username: 'cw-admin', platformRoles: ['admin'] });
  await publishApproved(t.services, plugin);
  for (const id of [C, OTHER]) await openCommunity(id);
  staff = await join(C, 'cw-staff', 'staff');
  elder = await join(C, 'cw-elder', 'resident');
  neighbour = await join(C, 'cw-neighbour', 'resident');
  elsewhere = await join(OTHER, 'cw-elsewhere', 'resident');
  await book('today', elder, { date: TODAY, dietaryNotes: '少盐' });
  await book('tomorrow', elder, { date: TOMORROW });
  await book('delivery', neighbour, { date: TODAY, mode: 'delivery', address: '5幢1单元302' });
  await book('otherCommunity', elsewhere, { date: TODAY }, OTHER);
});
afterAll(() => t.close());

describe('write-off by the code the resident shows (findBy)', () => {
  it('refuses a resident, a malformed code and a record id, and changes nothing', async () => {
    const byResident = await writeOff(elder, codes.today!);
    expect(byResident.status).toBe(403);
    const malformed = await writeOff(staff, '12ab');
    expect(malformed.status).toBe(400);
    const withId = await writeOff(staff, codes.today!, { recordId: ids.today });
    expect(withId.status).toBe(400);
    expect(await statusOf('today')).toBe('booked');
  });

  it('says in words that no booking has a code nobody holds (404)', async () => {
    const wrong = await writeOff(staff, unusedCode());
    expect(wrong.status).toBe(404);
    expect(wrong.json.error.details.code).toBe('no_such_code');
    expect(wrong.json.error.details.message['zh-CN']).toContain('没有这个取餐码');
  });

  it('does not find another community’s code', async () => {
    // Codes are unique per community; this one is only the other community's.
    expect(Object.values(codes).filter((c) => c === codes.otherCommunity)).toHaveLength(1);
    const r = await writeOff(staff, codes.otherCommunity!);
    expect(r.status).toBe(404);
    expect(await statusOf('otherCommunity')).toBe('booked');
  });

  it('refuses another day’s booking and a delivery: not today’s canteen meal (409)', async () => {
    for (const key of ['tomorrow', 'delivery']) {
      const r = await writeOff(staff, codes[key]!);
      expect(r.status).toBe(409);
      expect(r.json.error.details.code).toBe('not_within');
      expect(r.json.error.details.message['zh-CN']).toContain('不是今天到店就餐');
      expect(await statusOf(key)).toBe('booked');
    }
  });

  it('two counters typing the same code at once: one collects the meal, the other is told', async () => {
    const answers = await Promise.all([
      writeOff(staff, codes.today!),
      writeOff(staff, codes.today!),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const won = answers.find((a) => a.status === 200)!;
    // The result card's facts, as canteen staff see them on the meal day (clear today).
    expect(won.json.record).toMatchObject({
      id: ids.today,
      status: 'written_off',
      slot: 'lunch',
      date: TODAY,
      elderName: 'cw-elder',
      dietaryNotes: '少盐',
    });
    expect(won.json.record.servedAt).toBe(clock.now.toISOString());
    const lost = answers.find((a) => a.status === 409)!;
    expect(typeof lost.json.error.details.message['zh-CN']).toBe('string');
    expect(await statusOf('today')).toBe('written_off');
    const inbox = await listInbox(db.connection().db!, elder.accountId, { communityId: C });
    expect(inbox.items.filter((m) => m.title['zh-CN'] === '老人已到食堂就餐')).toHaveLength(1);
  });

  it('a collected meal typed again is refused with its state in words (409)', async () => {
    const again = await writeOff(staff, codes.today!);
    expect(again.status).toBe(409);
    expect(again.json.error.details.code).toBe('invalid_state');
    expect(again.json.error.details.message['zh-CN']).toContain('已取餐');
  });

  it('finds a booking of a collection numbered by claims, also by a claim that names no record', async () => {
    // A community whose bookings began before records carried their codes keeps claiming them.
    const L = 'c-canteen-legacy';
    await openCommunity(L);
    await db
      .connection()
      .db!.collection(recordCollectionName(plugin.id, 'bookings'))
      .insertOne({ _id: 'b'.repeat(24) as never, communityId: L, date: '2026-01-01' });
    const legacyStaff = await join(L, 'cw-legacy-staff', 'staff');
    await book('older', await join(L, 'cw-legacy-diner', 'resident'), { date: TODAY }, L);
    const claims = db.connection().db!.collection(CODES);
    const claim = `${plugin.id}|bookings|${L}|${codes.older}`;
    expect(await claims.findOne({ _id: claim as never })).toMatchObject({ record: ids.older });
    // Claims of an earlier release named no record: the code is looked for among the records.
    await claims.updateOne({ _id: claim as never }, { $unset: { record: '' } });
    const r = await act(legacyStaff, 'writeOff', { input: { code: codes.older } }, L);
    expect(r.status).toBe(200);
    expect(r.json.record.id).toBe(ids.older);
    expect(await statusOf('older')).toBe('written_off');
  });
});

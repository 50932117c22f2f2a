// The volunteer leaderboard of std.events against the real database through the HTTP API: only
// volunteers who opted in (their own record, switched by them) are ranked, by their hours this
// year; residents read the names masked, the organiser in clear; an opted-out volunteer never
// appears, whatever their hours, for any reader.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import { loadStandardPlugin } from '../records/test-kit';

const db = useTestDatabase('events_board');
const C = 'c-board';
const plugin = loadStandardPlugin('events');
const base = `/api/v1/communities/${C}/plugins/${plugin.id}`;
const clock = { now: new Date('2026-03-10T01:00:00Z') }; // Tuesday 09:00 in Shanghai
type Person = { token: string; accountId: string };
type Row = { key: { displayName: string }; count: number; values: { hours: number } };
let t: TestServer;
let organiser: Person;
let op: Person;
const NAMES = ['lb-anna', 'lb-bo', 'lb-chen', 'lb-dong', 'lb-eve'];
const HOURS = [3, 1, 2, 4, 5];
const people: Person[] = [];
const boardRecord = new Map<number, string>();

const act = (who: Person, action: string, body: Record<string, unknown>) =>
  t.call('POST', `${base}/actions/${action}`, { as: who.token, body });
const query = (who: Person, name: string, qs = '') =>
  t.call('GET', `${base}/queries/${name}${qs}`, { as: who.token });
const board = async (who: Person) => {
  const r = await query(who, 'leaderboard');
  expect(r.status).toBe(200);
  return (r.json.rows as Row[]).map((row) => [row.key.displayName, row.values.hours]);
};
/** The name as a reader without clearance sees it (张*丰). */
const masked = (n: string) => `${n[0]}${'*'.repeat(n.length - 2)}${n[n.length - 1]}`;

beforeAll(async () => {
  t = await startTestServer(db.connection());
  t.services.dataPlane.now = () => clock.now;
  const admin = await sessionFor(t.services, { username: 'lb-admin', platformRoles: ['admin'] });
  await publishApproved(t.services, plugin);
  await t.call('POST', '/api/v1/communities', {
    as: admin.token,
    body: { id: C, name: C, city: '杭州', district: '上城区', type: 'renovation' },
  });
  const installed = await t.call('POST', `/api/v1/communities/${C}/installations`, {
    as: admin.token,
    body: { pluginId: plugin.id, acceptPermissions: ['notify:send', 'points:award', 'pii:read'] },
  });
  if (installed.status !== 201) expect(installed.json.error.code).toBe('already_installed');
  const join = async (username: string, role: 'resident' | 'staff' | 'operator') => {
    const p = await sessionFor(t.services, { username });
    await t.services.members.ensure(C, p.accountId, role);
    return p;
  };
  organiser = await join('lb-organiser', 'staff');
  op = await join('lb-op', 'operator');
  for (const n of NAMES) people.push(await join(n, 'resident'));

  // This morning's volunteering: each serves their hours and is checked out.
  const published = await act(organiser, 'publish', {
    input: {
      title: '社区花园志愿',
      kind: 'volunteer',
      date: '2026-03-10',
      startTime: '10:00',
      endTime: '16:00',
      place: '中心花园',
      capacity: 10,
      recurrence: 'FREQ=DAILY;COUNT=1',
    },
  });
  const eventId = published.json.record.id;
  const signups = await Promise.all(people.map((p) => act(p, 'signUp', { input: { eventId } })));
  clock.now = new Date('2026-03-10T02:30:00Z'); // 10:30
  for (const [i, s] of signups.entries()) {
    const { id, code } = s.json.record as { id: string; code: string };
    expect((await act(organiser, 'checkIn', { recordId: id, input: { code } })).status).toBe(200);
    const out = await act(organiser, 'checkOut', { recordId: id, input: { hours: HOURS[i] } });
    expect(out.status).toBe(200);
  }
});
afterAll(() => t.close());

describe('the volunteer leaderboard', () => {
  it('is empty until someone opts in, whatever the hours served', async () => {
    expect(await board(people[0]!)).toEqual([]);
    expect(await board(organiser)).toEqual([]);
  });

  it('ranks only those who opted in by hours; an explicit opt-out and the silent never appear', async () => {
    // anna (3 h), bo (1 h) and eve (5 h) opt in; dong (4 h) says no; chen (2 h) never chooses.
    for (const [i, onBoard] of [
      [0, true],
      [1, true],
      [3, false],
      [4, true],
    ] as const) {
      const r = await act(people[i]!, 'joinBoard', { input: { onBoard } });
      expect(r.status).toBe(201);
      boardRecord.set(i, r.json.record.id);
    }
    const again = await act(people[0]!, 'joinBoard', { input: { onBoard: true } });
    expect(again.status).toBe(409);
    expect(again.json.error.details.code).toBe('already_done');
    // Residents read the names masked, the organiser in clear; the order is by hours.
    expect(await board(people[2]!)).toEqual([
      [masked('lb-eve'), 5],
      [masked('lb-anna'), 3],
      [masked('lb-bo'), 1],
    ]);
    expect(await board(organiser)).toEqual([
      ['lb-eve', 5],
      ['lb-anna', 3],
      ['lb-bo', 1],
    ]);
    // No row carries who it is beyond the name: no account ids anywhere in the answer.
    const text = JSON.stringify((await query(op, 'leaderboard')).json);
    for (const p of people) expect(text).not.toContain(p.accountId);
    expect(text).not.toContain('lb-dong');
    expect(text).not.toContain('lb-chen');
  });

  it('the volunteer switches herself off and on; nobody else can switch her', async () => {
    const anna = boardRecord.get(0)!;
    const other = await act(people[1]!, 'setBoard', {
      recordId: anna,
      input: { onBoard: false },
    });
    expect(other.status).toBe(404);
    const off = await act(people[0]!, 'setBoard', { recordId: anna, input: { onBoard: false } });
    expect(off.status).toBe(200);
    expect((await board(organiser)).map(([n]) => n)).toEqual(['lb-eve', 'lb-bo']);
    const dong = boardRecord.get(3)!;
    expect(
      (await act(people[3]!, 'setBoard', { recordId: dong, input: { onBoard: true } })).status,
    ).toBe(200);
    expect(await board(organiser)).toEqual([
      ['lb-eve', 5],
      ['lb-dong', 4],
      ['lb-bo', 1],
    ]);
    expect((await query(people[3]!, 'myBoard')).json.items).toEqual([
      expect.objectContaining({ onBoard: true, displayName: 'lb-dong' }),
    ]);
  });

  it('counts this year only, and refuses filters a ranking does not take', async () => {
    const lastYear = await query(organiser, 'leaderboard', '?from=2025-01-01&to=2026-01-01');
    expect(lastYear.json.rows).toEqual([]);
    const filtered = await query(organiser, 'leaderboard', '?f.kind.eq=volunteer');
    expect(filtered.status).toBe(400);
    expect(filtered.json.error.details.code).toBe('filter_not_allowed');
  });
});

// std.visitor-parking (issue 15) over HTTP against the real database: installed from the
// registry, plates masked for everyone but the resident and the guard (today's cars only), the
// guard's check-in and check-out, the daily limit under concurrent requests.
import { localDate } from '@scene/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../server/src/testing/database';
import { A, standardPlugin, startWorld, type Who, type World } from './dataplane-kit';

const db = useTestDatabase('api-visitor-parking');
const parking = standardPlugin('visitor-parking');
let w: World;

const call = (who: Who, method: string, path: string, body?: unknown) =>
  w.t.call(method, path, { as: w.tokens[who], ...(body === undefined ? {} : { body }) });
const base = `/api/v1/communities/${A}/plugins/${parking.id}`;
const act = (who: Who, action: string, body: Record<string, unknown>) =>
  call(who, 'POST', `${base}/actions/${action}`, body);
const query = (who: Who, name: string, params = '') =>
  call(who, 'GET', `${base}/queries/${name}${params}`);
// Days in the community's zone (Asia/Shanghai), as the server reads `today`.
const day = (offset: number) =>
  localDate(new Date(Date.now() + offset * 86_400_000), 'Asia/Shanghai');
const register = (who: Who, plate: string, date: string) =>
  act(who, 'register', {
    input: { plate, visitorName: '王小明', hostRoom: '3幢2单元501', date, arriveFrom: '09:00' },
  });

beforeAll(async () => {
  w = await startWorld(db.connection(), [parking], { [parking.id]: { dailyLimit: 2 } });
});
afterAll(() => w?.t.close());

describe('std.visitor-parking', () => {
  let todayId: string;
  let tomorrowId: string;

  beforeAll(async () => {
    const a = await register('residentA', '浙A12345', day(0));
    expect(a.status).toBe(201);
    todayId = a.json.record.id;
    const b = await register('residentA', '浙B54321', day(1));
    expect(b.status).toBe(201);
    tomorrowId = b.json.record.id;
  });

  it('shows the resident their own plates in clear, nobody else', async () => {
    const mine = await query('residentA', 'myVisits');
    expect(mine.status).toBe(200);
    expect(mine.json.items.map((v: { plate: string }) => v.plate).sort()).toEqual([
      '浙A12345',
      '浙B54321',
    ]);
    const other = await query('residentA2', 'myVisits');
    expect(other.json.items).toEqual([]);
    const all = await query('operatorA', 'all');
    expect(all.status).toBe(200);
    expect(all.json.items).toHaveLength(2);
    for (const v of all.json.items) {
      expect(v.plate).toBe('******');
      expect(v.hostRoom).toBe('3幢****');
      expect(v.visitorName).toBe('王*明');
    }
    expect((await query('residentA', 'today')).status).toBe(403);
  });

  it("gives the guard today's cars in clear and nothing of another day", async () => {
    const today = await query('staffA', 'today');
    expect(today.status).toBe(200);
    expect(today.json.items.map((v: { id: string; plate: string }) => [v.id, v.plate])).toEqual([
      [todayId, '浙A12345'],
    ]);
    // Asked by id, tomorrow's pass is not there for the guard, and cannot be checked in.
    const byId = await query('staffA', 'today', `?id=${tomorrowId}`);
    expect(byId.status).toBe(404);
    expect(JSON.stringify(byId.json)).not.toContain('浙B54321');
    const early = await act('staffA', 'checkIn', { recordId: tomorrowId });
    expect(early.status).toBeGreaterThanOrEqual(400);
    expect(early.status).toBeLessThan(500);
    expect(JSON.stringify(early.json)).not.toContain('浙B54321');
    const still = await query('residentA', 'myVisits', `?id=${tomorrowId}`);
    expect(still.json.item.status).toBe('expected');
    // A resident holds no guard role.
    expect((await act('residentA', 'checkIn', { recordId: todayId })).status).toBe(403);
  });

  it('checks a car in, tells the resident, checks it out once', async () => {
    const inn = await act('staffA', 'checkIn', { recordId: todayId });
    expect(inn.status).toBe(200);
    expect(inn.json.record.status).toBe('arrived');
    expect(inn.json.record.checkedInAt).toEqual(expect.any(String));
    const inbox = await call('residentA', 'GET', `/api/v1/me/inbox?communityId=${A}`);
    expect(JSON.stringify(inbox.json)).toContain('您的访客已入场');
    expect((await query('staffA', 'onSiteCount')).json.count).toBe(1);
    const out = await act('staffA', 'checkOut', { recordId: todayId });
    expect(out.status).toBe(200);
    expect(out.json.record.status).toBe('left');
    const again = await act('staffA', 'checkOut', { recordId: todayId });
    expect(again.status).toBe(409);
    // Once left, the resident can no longer cancel it.
    expect((await act('residentA', 'cancel', { recordId: todayId })).status).toBe(409);
  });

  it('refuses a registration for a day that has passed, and a malformed plate', async () => {
    const before = (await query('residentA2', 'myVisits')).json.items.length;
    const past = await register('residentA2', '浙A00001', day(-1));
    expect(past.status).toBeGreaterThanOrEqual(400);
    expect(past.status).toBeLessThan(500);
    const bad = await register('residentA2', 'ABC', day(2));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json.error.details)).toContain('plate');
    expect((await query('residentA2', 'myVisits')).json.items).toHaveLength(before);
  });

  it('holds the daily limit under concurrent registrations; a cancel frees a place', async () => {
    const date = day(3);
    const plates = ['浙A10001', '浙A10002', '浙A10003', '浙A10004', '浙A10005'];
    const answers = await Promise.all(plates.map((p) => register('residentA2', p, date)));
    const created = answers.filter((r) => r.status === 201);
    expect(created).toHaveLength(2);
    for (const r of answers.filter((a) => a.status !== 201)) {
      expect(r.status).toBe(409);
      expect(r.json.error.message).toContain('as many visitor cars');
    }
    // Another resident's limit is their own.
    expect((await register('residentA', '浙A20001', date)).status).toBe(201);
    const cancelled = await act('residentA2', 'cancel', { recordId: created[0]!.json.record.id });
    expect(cancelled.status).toBe(200);
    expect((await register('residentA2', '浙A10009', date)).status).toBe(201);
    expect((await register('residentA2', '浙A10010', date)).status).toBe(409);
  });

  it("refuses to cancel someone else's registration", async () => {
    const r = await register('residentA', '浙A30001', day(4));
    const other = await act('residentA2', 'cancel', { recordId: r.json.record.id });
    expect([403, 404]).toContain(other.status);
    const mine = await query('residentA', 'myVisits', `?id=${r.json.record.id}`);
    expect(mine.json.item.status).toBe('expected');
  });
});

import { standardPluginEntries } from '@scene/plugins';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishApproved } from '../testing/control-plane';
import { useTestDatabase } from '../testing/database';
import { figuresFromRecords } from '../testing/figures-from-records';
import { sessionFor, startTestServer, type TestServer } from '../testing/server';
import { recordCollectionName } from '../data/records/names';
import { CommunityFigures } from './community';
import type { CommunityDashboard } from './service';
import { dashboardPeriod } from './period';
import { states } from './rollups/store';

const db = useTestDatabase('community-figures');
let t: TestServer;
let admin: string;

const repair = standardPluginEntries.find((e) => e.manifest.id === 'std.property-repair')!;
const requests = standardPluginEntries.find((e) => e.manifest.id === 'std.resident-requests')!;
const C = 'cf-one';
const NOW = new Date('2026-11-30T04:00:00Z');
const TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;
const DAYS_BACK = 390;

/** Records per day back from today (0), uneven: empty days, single ones (hidden), busy ones. */
const perDay = (back: number) => [0, 1, 3, 2, 0, 5, 1, 4][(back * 5 + (back >> 3) + 2) % 8]!;

function base(plugin: string, collection: string, at: Date) {
  return {
    _id: new Types.ObjectId().toHexString(),
    communityId: C,
    pluginId: plugin,
    collection,
    schemaVersion: 1,
    createdBy: 'cf-resident',
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
    history: [],
    _rev: 0,
  };
}

beforeAll(async () => {
  t = await startTestServer(db.connection());
  admin = (await sessionFor(t.services, { username: 'cf-admin', platformRoles: ['admin'] })).token;
  t.services.dataPlane.now = () => NOW;
  await t.call('POST', '/api/v1/communities', {
    as: admin,
    body: { id: C, name: '对照社区', city: '杭州', district: 'x', type: 'renovation' },
  });
  for (const entry of [repair, requests]) {
    await publishApproved(t.services, entry.manifest);
    const r = await t.call('POST', `/api/v1/communities/${C}/installations`, {
      as: admin,
      body: {
        pluginId: entry.manifest.id,
        config: entry.fixtures.config,
        acceptPermissions: entry.manifest.permissions.map((p) => p.scope),
      },
    });
    expect(r.status, r.text).toBe(201);
  }
  // A year of records, written as the plugins store them (the figures read only these fields).
  const tickets: Record<string, unknown>[] = [];
  const raised: Record<string, unknown>[] = [];
  for (let back = 0; back <= DAYS_BACK; back++)
    for (let i = 0; i < perDay(back); i++) {
      // 01:00 and 05:00 Beijing time are the previous day in UTC.
      const at = new Date(NOW.getTime() - back * 86_400_000 - (i * 4 + 1) * HOUR);
      const done = new Date(at.getTime() + ((back + i) % 30) * HOUR);
      const status = (back + i) % 3 === 0 ? 'submitted' : (back + i) % 3 === 1 ? 'done' : 'rated';
      tickets.push({
        ...base(repair.manifest.id, 'tickets', at),
        status,
        ...(status !== 'submitted' && done <= NOW ? { doneAt: done.toISOString() } : {}),
        ...(status === 'rated' && done <= NOW
          ? { rating: 1 + ((back * 7 + i) % 5), ratedAt: done.toISOString() }
          : {}),
      });
      const answered = new Date(at.getTime() + (((back * 13 + i * 7) % 50) + 0.5) * HOUR);
      raised.push({
        ...base(requests.manifest.id, 'requests', at),
        status: i % 2 ? 'rated' : 'answered',
        ...(answered <= NOW ? { answeredAt: answered.toISOString() } : {}),
        ...(i % 2 && answered <= NOW
          ? { rating: 1 + (back % 5), ratedAt: answered.toISOString() }
          : {}),
      });
    }
  const conn = db.connection().db!;
  await conn.collection(recordCollectionName(repair.manifest.id, 'tickets')).insertMany(tickets);
  await conn.collection(recordCollectionName(requests.manifest.id, 'requests')).insertMany(raised);
}, 600_000);
afterAll(() => t.close());

async function dashboard(query: string): Promise<CommunityDashboard> {
  const r = await t.call('GET', `/api/v1/communities/${C}/dashboard?${query}`, { as: admin });
  expect(r.status, r.text).toBe(200);
  return r.json as CommunityDashboard;
}

describe('the community dashboard from roll-ups', () => {
  it('answers the figures an aggregate over the records gives, period before included', async () => {
    for (const [period, month] of [
      ['7d'],
      ['30d'],
      ['90d'],
      ['month'],
      ['month', '2026-10'],
      // Further back than the roll-ups' recent window: read from the monthly documents.
      ['month', '2026-02'],
      ['month', '2025-12'],
    ] as const) {
      const d = await dashboard(`period=${period}${month ? `&month=${month}` : ''}`);
      expect(d.counting).toBe(false);
      const expected = await figuresFromRecords(
        t.services.dataPlane,
        C,
        dashboardPeriod(period, month, NOW, TZ),
      );
      expect(d.metrics.length).toBe(6);
      expect(d.metrics, `${period} ${month ?? ''}`).toEqual(JSON.parse(JSON.stringify(expected)));
      // The figures are not trivially empty: something counted, something hidden, a median.
      const reported = d.metrics.find((m) => m.key === 'std.property-repair/reported')!;
      expect(reported.total).toBeGreaterThan(0);
      expect(reported.previous).toBeGreaterThan(0);
      if (period !== 'month' || month)
        expect(reported.series.some((s) => s.value === null)).toBe(true);
      const median = d.metrics.find((m) => m.key === 'std.resident-requests/toAnswer')!;
      expect(median.total).not.toBeNull();
    }
  }, 300_000);

  it('answers at once without the days still being counted, and whole once they are', async () => {
    const quick = new CommunityFigures(t.services, 0);
    const community = { id: C, name: '对照社区', published: false, timeZone: TZ };
    const period = dashboardPeriod('7d', undefined, NOW, TZ);
    const reported = (m: { key: string; total: number | null }[]) =>
      m.find((x) => x.key === 'std.property-repair/reported')!.total!;
    const first = await quick.read(community, period);
    expect(first.counting).toBe(true);
    await quick.idle();
    const second = await quick.read(community, period);
    expect(second.counting).toBe(false);
    expect(second.metrics).toEqual(await figuresFromRecords(t.services.dataPlane, C, period));
    // Today's tickets are what the first answer left out.
    expect(reported(first.metrics)).toBe(reported(second.metrics) - perDay(0));
    expect(perDay(0)).toBeGreaterThan(0);
  }, 300_000);

  it('reads the days before today from roll-ups, not from the records', async () => {
    const state = await states(db.connection().db!).findOne({ _id: C });
    expect(state?.through).toBe('2026-11-29');
    const before = await dashboard('period=30d');
    // A record changed behind the roll-ups' back (no correction run) leaves the figures alone.
    await db
      .connection()
      .db!.collection(recordCollectionName(repair.manifest.id, 'tickets'))
      .deleteMany({ createdAt: { $lt: '2026-11-25T00:00:00Z', $gte: '2026-11-10T00:00:00Z' } });
    const after = await dashboard('period=30d');
    expect(after.metrics).toEqual(before.metrics);
    const fromRecords = await figuresFromRecords(
      t.services.dataPlane,
      C,
      dashboardPeriod('30d', undefined, NOW, TZ),
    );
    expect(fromRecords.find((m) => m.key === 'std.property-repair/reported')!.total).toBeLessThan(
      after.metrics.find((m) => m.key === 'std.property-repair/reported')!.total!,
    );
  }, 300_000);
});

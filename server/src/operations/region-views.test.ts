import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../testing/server';
import { SYSTEM_ACTOR } from '../control/auth/actor';
import { evaluate } from './evaluation/score';
import { addDays, dashboardPeriod, type PeriodKind } from './period';
import { regionDashboardOf, regionFromRollups } from './region';
import { REGION_VIEWS, RegionViews, regionZone, viewId } from './region-views';
import { readRollups, spanOf } from './rollups/read';
import { encodeDay, months, RECENT_DAYS, states, type MetricHeadDoc } from './rollups/store';
import { OperationsService } from './service';

// Region dashboards read figures stored per node and period (RegionViews). Over generated
// roll-ups (inserted as the writer stores them) the stored answer must be exactly the one
// computed from the communities' roll-ups, and a change of the roll-ups, of the node's
// communities or of the weights must show on the next read.
const db = useTestDatabase('region-views');
let t: TestServer;
let ops: OperationsService;
let admin: string;
let supA: string;
const NOW = new Date('2026-11-30T04:00:00Z');
const TODAY = '2026-11-30';
const TREE = [
  { id: 'rv', name: '省', level: 'province' },
  { id: 'rv-c', name: '市', level: 'city', parentId: 'rv' },
  { id: 'rv-a', name: '甲区', level: 'district', parentId: 'rv-c' },
  { id: 'rv-b', name: '乙区', level: 'district', parentId: 'rv-c' },
  { id: 'rv-a-1', name: '甲一街道', level: 'street', parentId: 'rv-a' },
  { id: 'rv-a-2', name: '甲二街道', level: 'street', parentId: 'rv-a' },
  { id: 'rv-b-1', name: '乙一街道', level: 'street', parentId: 'rv-b' },
];
const STREETS = ['rv-a-1', 'rv-a-2', 'rv-b-1'];
const head = (i: number, min = 5): MetricHeadDoc => ({
  key: `vendor.gen/m${i}`,
  pluginId: 'vendor.gen',
  pluginName: { 'zh-CN': '生成', en: 'Generated' },
  metricId: `m${i}`,
  scene: 'service',
  label: { 'zh-CN': `指标 ${i}`, en: `Metric ${i}` },
  unit: null,
  chart: 'line',
  better: i === 0 ? 'higher' : i === 2 ? 'lower' : null,
  op: i === 1 ? 'avg' : i === 3 ? 'max' : 'count',
  minGroupSize: min,
});
const HEADS = [0, 1, 2, 3].map((i) => head(i));
const paths = new Map(
  TREE.map((r) => {
    const path: string[] = [];
    for (let n: string | undefined = r.id; n; n = TREE.find((x) => x.id === n)?.parentId)
      path.unshift(n);
    return [r.id, path] as const;
  }),
);

/**
 * A community's roll-ups: 400 days, each metric's count a function of the community, day and
 * metric; `small` communities count 0–1 a day (their 7-day figures are under the minimum, some
 * of their days too), and community 4 lacks metric 2 (a node's heads are its communities').
 */
async function addCommunity(k: number, street: string, rolled = true): Promise<string> {
  const id = `rv-${String(k).padStart(2, '0')}`;
  const { Community, RegionPlacement } = t.services.models;
  await Community.create({
    _id: id,
    name: `生成社区 ${k}`,
    city: '杭州',
    district: 'x',
    type: 'new-build',
    theme: {},
    status: 'active',
    timeZone: 'Asia/Shanghai',
    publishedVersion: k % 2 ? 1 : null,
    createdAt: NOW,
    updatedAt: NOW,
  });
  await RegionPlacement.create({
    _id: id,
    streetId: street,
    path: paths.get(street)!,
    updatedAt: NOW,
  });
  // Written behind the services' back: the region directory is told, as a placement is.
  t.services.regions.directory.forget(id);
  if (!rolled) return id;
  const heads = k === 4 ? HEADS.filter((h) => h.metricId !== 'm2') : HEADS;
  const small = k % 3 === 2;
  const recent: Record<string, string> = {};
  const byMonth = new Map<string, Record<string, string>>();
  for (let back = 400; back >= 1; back--) {
    const day = addDays(TODAY, -back);
    const text = encodeDay(
      heads.flatMap((h, i) => {
        const c = small ? (back + i) % 2 : (k * 7 + back * 3 + i * 5) % 11;
        return c ? [{ k: h.key, c, s: c * (i + 2), n: c, lo: 1, hi: c + i }] : [];
      }),
    );
    if (back <= RECENT_DAYS) recent[day] = text;
    const m = byMonth.get(day.slice(0, 7)) ?? {};
    m[day.slice(8)] = text;
    byMonth.set(day.slice(0, 7), m);
  }
  await states(db.connection().db!).insertOne({
    _id: id,
    format: 2,
    through: addDays(TODAY, -1),
    timeZone: 'Asia/Shanghai',
    heads: JSON.stringify(heads),
    recent: JSON.stringify(recent),
    score: (k * 37) % 100,
    rolledAt: NOW,
  });
  await months(db.connection().db!).insertMany(
    [...byMonth].map(([month, days]) => ({ _id: `${id}|${month}`, communityId: id, month, days })),
  );
  return id;
}

/** The dashboard as computed from the communities' roll-ups, without any stored view. */
async function computed(regionId: string, kind: PeriodKind, month?: string) {
  const members = await t.services.regions.members(regionId, SYSTEM_ACTOR);
  const period = dashboardPeriod(kind, month, NOW, regionZone(members.list), true);
  const rolled = await readRollups(db.connection().db!, members.list, spanOf(period), TODAY);
  const dashboard = regionDashboardOf(members, period, regionFromRollups(period, rolled));
  const w = await ops.weights.current();
  return {
    ...dashboard,
    evaluation: evaluate(dashboard.ranking, dashboard.metrics, w.weights, w.version),
  };
}

const read = (regionId: string, kind: PeriodKind, month?: string) =>
  ops.region(SYSTEM_ACTOR, regionId, { period: kind, ...(month ? { month } : {}) });

beforeAll(async () => {
  t = await startTestServer(db.connection());
  t.services.dataPlane.now = () => NOW;
  ops = new OperationsService(t.services);
  admin = (await sessionFor(t.services, { username: 'rv-admin', platformRoles: ['admin'] })).token;
  for (const body of TREE)
    expect((await t.call('POST', '/api/v1/regions', { as: admin, body })).status).toBe(201);
  for (let k = 0; k < 9; k++) await addCommunity(k, STREETS[k % 3]!);
  const sup = await sessionFor(t.services, { username: 'rv-sup-a' });
  await t.call('PUT', `/api/v1/regions/rv-a/supervisors/${sup.accountId}`, { as: admin });
  supA = sup.token;
});
afterAll(() => t.close());

describe('stored region views', () => {
  it('answer exactly what the communities’ roll-ups give, for every period and node', async () => {
    const built = await new RegionViews(t.services).buildAll();
    expect(built).toBe(TREE.length);
    const stored = await db.connection().db!.collection(REGION_VIEWS).countDocuments();
    expect(stored).toBe(TREE.length * 4);
    for (const node of ['rv', 'rv-c', 'rv-a', 'rv-b-1'])
      for (const [kind, month] of [
        ['7d'],
        ['30d'],
        ['90d'],
        ['month'],
        ['month', '2026-10'],
        // Further back than the states' recent days: read from the month documents.
        ['month', '2026-01'],
      ] as [PeriodKind, string?][]) {
        const want = await computed(node, kind, month);
        expect(await read(node, kind, month), `${node} ${kind} ${month ?? ''}`).toEqual(want);
      }
    // Suppression happened: small communities' 7-day figures are hidden and left out of sums.
    const week = await read('rv', '7d');
    expect(week.metrics.find((m) => m.metricId === 'm0')!.hidden).toBeGreaterThan(0);
    expect(week.ranking.some((r) => r.figures['vendor.gen/m0'] === null)).toBe(true);
    // A month read first on screen is stored too.
    const ids = (
      await db
        .connection()
        .db!.collection(REGION_VIEWS)
        .find({}, { projection: { _id: 1 } })
        .toArray()
    ).map((d) => d._id);
    expect(ids).toContain('rv|month|2026-01');
  });

  it('are read, not computed again, while no roll-up changed', async () => {
    await read('rv-a', '30d');
    // A state changed behind the writer's back (no roll-up write) is not seen: the stored view is.
    const stateOf = states(db.connection().db!);
    await stateOf.updateOne({ _id: 'rv-00' }, { $set: { score: 99 } });
    try {
      const again = await read('rv-a', '30d');
      expect(again.ranking.find((r) => r.id === 'rv-00')!.score).toBe(0);
    } finally {
      await stateOf.updateOne({ _id: 'rv-00' }, { $set: { score: 0 } });
    }
  });

  it('show a recomputed day on the next read', async () => {
    const before = await read('rv-a', '30d');
    expect(before.ranking.find((r) => r.id === 'rv-03')!.figures['vendor.gen/m0']).not.toBeNull();
    // Recomputed from the records (it has none: no plugin installed), as a report's re-freeze does.
    const day = addDays(TODAY, -3);
    await t.services.rollups.write('rv-03', 'Asia/Shanghai', day, addDays(day, 1));
    const after = await read('rv-a', '30d');
    expect(after).toEqual(await computed('rv-a', '30d'));
    expect(after).not.toEqual(before);
    // The other district's view was left alone, and is still what its roll-ups give.
    expect(await read('rv-b', '30d')).toEqual(await computed('rv-b', '30d'));
  });

  it('show a community that joins a node, or one not rolled up yet, on the next read', async () => {
    const before = await read('rv-a-2', '7d');
    await addCommunity(20, 'rv-a-2');
    const joined = await read('rv-a-2', '7d');
    expect(joined.ranking.map((r) => r.id)).toContain('rv-20');
    expect(joined.communities).toBe(before.communities + 1);
    expect(joined).toEqual(await computed('rv-a-2', '7d'));
    // New and never rolled up: the read rolls it up first.
    await addCommunity(21, 'rv-a-2', false);
    const fresh = await read('rv-a-2', '7d');
    expect(fresh.ranking.map((r) => r.id)).toContain('rv-21');
    expect(await states(db.connection().db!).findOne({ _id: 'rv-21' })).not.toBeNull();
    expect(fresh).toEqual(await computed('rv-a-2', '7d'));
  });

  it('weigh the evaluation with the newest weights at once', async () => {
    const before = await read('rv', '30d');
    const saved = await ops.saveWeights(
      { accountId: 'x', username: 'x', displayName: 'x', platformRoles: ['admin'] },
      { satisfaction: 0, activity: 0, response: 0, coverage: 100 },
    );
    const after = await read('rv', '30d');
    expect(after.evaluation.version).toBe(saved.version);
    expect(after.evaluation.version).toBe(before.evaluation.version + 1);
    expect(after.evaluation.allRounder!.composite).toBe(
      Math.max(...after.ranking.map((r) => r.score)),
    );
    expect(after).toEqual(await computed('rv', '30d'));
  });

  it('are built once among readers at once, each answered the same', async () => {
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        new OperationsService(t.services).region(SYSTEM_ACTOR, 'rv-b', {
          period: 'month',
          month: '2026-03',
        }),
      ),
    );
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[0]).toEqual(await computed('rv-b', 'month', '2026-03'));
    const doc = await db
      .connection()
      .db!.collection(REGION_VIEWS)
      .findOne({ _id: viewId('rv-b', answers[0]!.period) } as never);
    expect(doc).not.toBeNull();
  });

  it('show a district’s supervisor their district, and nothing of another', async () => {
    const own = await t.call('GET', '/api/v1/regions/rv-a/dashboard?period=30d', { as: supA });
    expect(own.status, own.text).toBe(200);
    const ids = (own.json.ranking as { id: string }[]).map((r) => r.id);
    const inA = (await t.services.regions.members('rv-a', SYSTEM_ACTOR)).list.map((c) => c.id);
    expect(ids.sort()).toEqual(inA.sort());
    expect(ids.some((id) => ['rv-02', 'rv-05', 'rv-08'].includes(id))).toBe(false);
    for (const other of ['rv-b', 'rv-b-1', 'rv', 'rv-c']) {
      const res = await t.call('GET', `/api/v1/regions/${other}/dashboard?period=30d`, {
        as: supA,
      });
      expect(res.status, other).toBe(404);
      expect(res.text).not.toContain('rv-0');
    }
  });
});

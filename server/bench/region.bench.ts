// `pnpm bench`: the region dashboard over many communities' daily roll-ups (1,300 communities
// × 400 days when named, `pnpm bench region`; 100 × 200 days inside a whole run, which must stay
// short on a shared machine).
// Communities, placements and roll-ups are inserted directly (the shapes the services and the
// roll-up writer store). Figures: the nightly build of every node's stored views, then the read
// supervisors see, through the operations service, of a province with every community under it,
// for 30 days and a calendar month; and an older month's first read, which builds its view.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startDatabase } from '@scene/devdb';
import { reportFigure } from '@scene/bench-kit';
import { createAppWithServices } from '../src/app';
import { loadConfig } from '../src/config';
import { connect } from '../src/db/connection';
import { createLogger } from '../src/logger';
import { ensureIndexes } from '../src/services';
import { OperationsService } from '../src/operations';
import { RegionViews, regionZone } from '../src/operations/region-views';
import { regionFromRollups } from '../src/operations/region';
import { readRollups, spanOf } from '../src/operations/rollups/read';
import { addDays, dashboardPeriod } from '../src/operations/period';
import {
  encodeDay,
  months,
  RECENT_DAYS,
  states,
  type MetricHeadDoc,
} from '../src/operations/rollups/store';

const COUNT = Number(process.env.REGION_COMMUNITIES ?? (process.env.BENCH_NAMED ? 1300 : 100));
const METRICS = 12;
const NOW = new Date('2026-11-30T04:00:00Z');
const TODAY = '2026-11-30';
const DAYS = process.env.BENCH_NAMED ? 400 : 200;

const dir = mkdtempSync(join(tmpdir(), 'scene-bench-'));
const server = await startDatabase({ dataDir: dir, log: () => {} });
try {
  const connection = await connect(server.uri, 'bench_region', { timeoutMs: 300_000 });
  await ensureIndexes(connection);
  const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'b'.repeat(32) });
  const { services } = createAppWithServices({
    config,
    connection,
    logger: createLogger(config),
    staticDirs: { studioDist: '/nonexistent', portalDist: '/nonexistent' },
    checkAnswers: false,
  });
  services.dataPlane.now = () => NOW;
  const { Region, RegionPlacement, Community } = services.models;
  const at = NOW;
  const tree = [
    { _id: 'p', name: '省', level: 'province', parentId: null, path: ['p'] },
    { _id: 'p-c', name: '市', level: 'city', parentId: 'p', path: ['p', 'p-c'] },
    { _id: 'p-c-d', name: '区', level: 'district', parentId: 'p-c', path: ['p', 'p-c', 'p-c-d'] },
    {
      _id: 'p-c-d-s',
      name: '街道',
      level: 'street',
      parentId: 'p-c-d',
      path: ['p', 'p-c', 'p-c-d', 'p-c-d-s'],
    },
  ];
  await Region.insertMany(tree.map((r) => ({ ...r, createdAt: at, updatedAt: at })));
  const heads: MetricHeadDoc[] = Array.from({ length: METRICS }, (_, i) => ({
    key: `vendor.bench/m${i}`,
    pluginId: 'vendor.bench',
    pluginName: { 'zh-CN': '基准', en: 'Bench' },
    metricId: `m${i}`,
    scene: 'service',
    label: { 'zh-CN': `指标 ${i}`, en: `Metric ${i}` },
    unit: null,
    chart: 'line',
    better: i % 3 === 0 ? 'higher' : null,
    op: i % 4 === 3 ? 'avg' : 'count',
    minGroupSize: 5,
  }));
  const t0 = performance.now();
  for (let from = 0; from < COUNT; from += 100) {
    const ids = Array.from(
      { length: Math.min(100, COUNT - from) },
      (_, k) => `bench-${String(from + k).padStart(4, '0')}`,
    );
    await Community.insertMany(
      ids.map((id, k) => ({
        _id: id,
        name: `未来社区 ${from + k}`,
        city: '杭州',
        district: '区',
        type: 'new-build',
        theme: {},
        status: 'active',
        timeZone: 'Asia/Shanghai',
        publishedVersion: 1,
        createdAt: at,
        updatedAt: at,
      })),
    );
    await RegionPlacement.insertMany(
      ids.map((id) => ({ _id: id, streetId: 'p-c-d-s', path: tree[3]!.path, updatedAt: at })),
    );
    const docs = new Map<
      string,
      { _id: string; communityId: string; month: string; days: Record<string, string> }
    >();
    const recent = ids.map(() => ({}) as Record<string, string>);
    for (const [k, id] of ids.entries())
      for (let back = DAYS; back >= 1; back--) {
        const day = addDays(TODAY, -back);
        const key = `${id}|${day.slice(0, 7)}`;
        let doc = docs.get(key);
        if (!doc)
          docs.set(key, (doc = { _id: key, communityId: id, month: day.slice(0, 7), days: {} }));
        const text = encodeDay(
          heads.map((h, i) => {
            const c = (k + back + i) % 9;
            return { k: h.key, c, s: c * 4, n: h.op === 'avg' ? c : 0, lo: null, hi: null };
          }),
        );
        doc.days[day.slice(8)] = text;
        if (back <= RECENT_DAYS) recent[k]![day] = text;
      }
    await states(connection.db!).insertMany(
      ids.map((id, k) => ({
        _id: id,
        through: addDays(TODAY, -1),
        timeZone: 'Asia/Shanghai',
        heads: JSON.stringify(heads),
        recent: JSON.stringify(recent[k]),
        score: (from + k) % 101,
        rolledAt: at,
      })),
    );
    const all = [...docs.values()];
    for (let i = 0; i < all.length; i += 100)
      await months(connection.db!).insertMany(all.slice(i, i + 100));
  }
  console.log(
    `${COUNT} communities × ${DAYS} days × ${METRICS} metrics of roll-ups inserted in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );

  const ops = new OperationsService(services);
  const views = new RegionViews(services);
  const admin = {
    accountId: 'bench',
    username: 'bench',
    displayName: 'bench',
    platformRoles: ['admin' as const],
  };
  const time = async (q: { period: string; month?: string }, runs = 3) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      const d = await ops.region(admin, 'p', q);
      times.push(performance.now() - s);
      if (d.ranking.length !== COUNT) throw new Error(`ranked ${d.ranking.length} of ${COUNT}`);
    }
    return Math.min(...times);
  };
  // What the nightly schedule does after the roll-ups: every node's views (four nested nodes,
  // each over every community, the province's shape at its widest) for 7, 30, 90 days and the
  // month.
  let s = performance.now();
  const built = await views.buildAll();
  const nightly = performance.now() - s;
  // What supervisors read after it: the stored figures, names and weights joined.
  const days30 = await time({ period: '30d' });
  const month = await time({ period: 'month' });
  // The same figures computed from every community's roll-ups, as each read did before the
  // stored views (and as a stale view's rebuild does): the same-run comparison.
  s = performance.now();
  const members = await services.regions.members('p', admin);
  const period = dashboardPeriod('30d', undefined, NOW, regionZone(members.list), true);
  const rolled = await readRollups(connection.db!, members.list, spanOf(period), TODAY);
  regionFromRollups(period, rolled);
  const computed = performance.now() - s;
  // A month no schedule built (a report's, or one picked on screen): built on its first read.
  s = performance.now();
  await time({ period: 'month', month: '2026-02' }, 1);
  const cold = performance.now() - s;
  const older = await time({ period: 'month', month: '2026-02' });
  console.log(
    `region dashboard over ${COUNT} communities: nightly build of ${built} nodes ${(nightly / 1000).toFixed(1)} s; ` +
      `then 30 days ${days30.toFixed(0)} ms, this month ${month.toFixed(0)} ms (best of 3); ` +
      `30 days computed from the roll-ups ${computed.toFixed(0)} ms; ` +
      `an older month first read ${cold.toFixed(0)} ms, then ${older.toFixed(0)} ms`,
  );
  // The budget holds a whole run's size; a province run is printed beside it.
  reportFigure(
    COUNT === 100 ? 'region.dashboard-30d-ms' : `region.dashboard-30d-${COUNT}-ms`,
    Math.round(days30),
    'ms',
  );
  reportFigure(
    COUNT === 100 ? 'region.nightly-build-s' : `region.nightly-build-${COUNT}-s`,
    Math.round(nightly / 100) / 10,
    's',
  );
  await connection.close();
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

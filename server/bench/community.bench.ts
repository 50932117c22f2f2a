// `pnpm bench`: one community's dashboard over a year of activity (repairs and residents'
// requests, `COMMUNITY_PER_DAY` records a day, 60 by default; a second community's records beside
// them in the same collections, as on a shared database). The dashboard reads the days before
// today from daily roll-ups and today from the records; the same figures counted from the
// records (one aggregate per metric over the period and the one before, as the dashboard did
// before roll-ups) are timed beside it for the comparison.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startDatabase } from '@scene/devdb';
import { reportFigure } from '@scene/bench-kit';
import { standardPluginEntries } from '@scene/plugins';
import { Types } from 'mongoose';
import { connect } from '../src/db/connection';
import { recordCollectionName } from '../src/data/records/names';
import { dashboardPeriod } from '../src/operations';
import { publishApproved } from '../src/testing/control-plane';
import { figuresFromRecords } from '../src/testing/figures-from-records';
import { sessionFor, startTestServer } from '../src/testing/server';

const PER_DAY = Number(process.env.COMMUNITY_PER_DAY ?? 60);
const DAYS = 365;
const NOW = new Date('2026-11-30T04:00:00Z');
const HOUR = 3_600_000;
const C = 'bench-busy';
const OTHER = 'bench-other';

const dir = mkdtempSync(join(tmpdir(), 'scene-bench-'));
const server = await startDatabase({ dataDir: dir, log: () => {} });
try {
  const connection = await connect(server.uri, 'bench_community', { timeoutMs: 300_000 });
  // The production wait: a dashboard answers with what is counted after 3 s at most.
  const t = await startTestServer(connection, { DASHBOARD_WAIT_MS: '3000' });
  t.services.dataPlane.now = () => NOW;
  const admin = (await sessionFor(t.services, { username: 'bench', platformRoles: ['admin'] }))
    .token;
  const plugins = ['std.property-repair', 'std.resident-requests'].map((id) =>
    standardPluginEntries.find((e) => e.manifest.id === id)!,
  );
  for (const p of plugins) await publishApproved(t.services, p.manifest);
  for (const id of [C, OTHER]) {
    await t.call('POST', '/api/v1/communities', {
      as: admin,
      body: { id, name: `未来社区 ${id}`, city: '杭州', district: '区', type: 'new-build' },
    });
    for (const p of plugins) {
      const r = await t.call('POST', `/api/v1/communities/${id}/installations`, {
        as: admin,
        body: {
          pluginId: p.manifest.id,
          config: p.fixtures.config,
          acceptPermissions: p.manifest.permissions.map((s) => s.scope),
        },
      });
      // 409: the standard kit installs it with the community.
      if (r.status !== 201 && r.status !== 409) throw new Error(r.text);
    }
  }
  const t0 = performance.now();
  const tickets = connection.db!.collection(
    recordCollectionName(plugins[0]!.manifest.id, 'tickets'),
  );
  const requests = connection.db!.collection(
    recordCollectionName(plugins[1]!.manifest.id, 'requests'),
  );
  let records = 0;
  for (const [community, perDay] of [
    [C, PER_DAY],
    [OTHER, Math.ceil(PER_DAY / 4)],
  ] as const)
    for (let back = 0; back <= DAYS; back += 10) {
      const batch: { t: Record<string, unknown>[]; r: Record<string, unknown>[] } = {
        t: [],
        r: [],
      };
      for (let b = back; b < Math.min(back + 10, DAYS + 1); b++)
        for (let i = 0; i < perDay / 2; i++) {
          const at = new Date(NOW.getTime() - b * 86_400_000 - ((i * 7) % 20) * HOUR - HOUR);
          const later = new Date(at.getTime() + ((b + i) % 40) * HOUR);
          const closed = later <= NOW;
          const base = (plugin: string, collection: string) => ({
            _id: new Types.ObjectId().toHexString(),
            communityId: community,
            pluginId: plugin,
            collection,
            schemaVersion: 1,
            createdBy: 'bench-resident',
            createdAt: at.toISOString(),
            updatedAt: at.toISOString(),
            history: [],
            _rev: 0,
          });
          batch.t.push({
            ...base(plugins[0]!.manifest.id, 'tickets'),
            status: closed ? (i % 2 ? 'rated' : 'done') : 'submitted',
            ...(closed ? { doneAt: later.toISOString() } : {}),
            ...(closed && i % 2 ? { rating: 1 + (i % 5), ratedAt: later.toISOString() } : {}),
          });
          batch.r.push({
            ...base(plugins[1]!.manifest.id, 'requests'),
            status: closed ? (i % 2 ? 'rated' : 'answered') : 'submitted',
            ...(closed ? { answeredAt: later.toISOString() } : {}),
            ...(closed && i % 2 ? { rating: 1 + (b % 5), ratedAt: later.toISOString() } : {}),
          });
        }
      await tickets.insertMany(batch.t);
      await requests.insertMany(batch.r);
      records += batch.t.length + batch.r.length;
    }
  console.log(
    `${records.toLocaleString('en')} records over ${DAYS} days inserted in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  // The nightly roll-up, as the schedule writes it (not timed with the dashboard).
  const r0 = performance.now();
  await t.services.rollups.run(C, 'Asia/Shanghai');
  console.log(`  roll-up of a year: ${((performance.now() - r0) / 1000).toFixed(1)} s`);

  const time = async (label: string, fn: () => Promise<unknown>) => {
    const s = performance.now();
    await fn();
    const ms = performance.now() - s;
    console.log(`  ${label.padEnd(62)} ${ms.toFixed(0).padStart(7)} ms`);
    return ms;
  };
  const read = (period: string) => async () => {
    const r = await t.call('GET', `/api/v1/communities/${C}/dashboard?period=${period}`, {
      as: admin,
    });
    if (r.status !== 200) throw new Error(r.text);
    return (r.json as { counting: boolean }).counting;
  };
  let counting = false;
  const cold = await time('dashboard, 30 days, first read (today still counted)', async () => {
    counting = await read('30d')();
  });
  await time('  …today counted from the records in the background', () =>
    t.services.figures.idle(),
  );
  const warm = await time('dashboard, 30 days, today counted', async () => {
    if (await read('30d')()) throw new Error('still counting');
  });
  await time('dashboard, 90 days', read('90d'));
  await time('dashboard, a month a year ago', read('month&month=2025-12'));
  await time('the same 30 days counted from the records (before roll-ups)', () =>
    figuresFromRecords(
      t.services.dataPlane,
      C,
      dashboardPeriod('30d', undefined, NOW, 'Asia/Shanghai'),
    ),
  );
  console.log(`  first read said it was still counting: ${counting}`);
  reportFigure('community.dashboard-30d-ms', Math.round(cold), 'ms');
  reportFigure('community.dashboard-30d-counted-ms', Math.round(warm), 'ms');
  await t.close();
  await connection.close();
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

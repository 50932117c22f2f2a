// `pnpm bench scale`: province scale. Creates SCALE_COMMUNITIES communities (1,300 when the bench
// is named, 100 as part of a whole `pnpm bench`, which CI runs and must stay short) through the
// services (create, draft, publish: every standard plugin installed and placed),
// reports the time to create the first and the last 100, warms the runtime cache of the server
// run as in production (its own process, compiled) and reports that process's RSS, then GETs random communities' runtime bundles at 64 connections (200 and 304)
// beside a bare Express handler serving one community's bytes, in the same run.
import { portalWithAll } from '@scene/server';
import { reportFigure } from '@scene/bench-kit';
import { bareExpress, listen, measure, measurePair, printComparison, withPlatform } from './lib';
import { startServerProcess, type ProcessMemory } from './server-process';

const COUNT = Number(process.env.SCALE_COMMUNITIES ?? (process.env.BENCH_NAMED ? 1300 : 100));
// Growth and memory only say something about province scale at province scale; below it the
// bench reports the creation time and the runtime's rates (its budgets hold at any size).
const FULL = COUNT >= 1000;
const SETTLE_MS = 10_000;
// V8's memory reducer gives back the heap pages a burst left behind once the process has been idle
// for 8 s, over its next GCs: the budget's figure is read at 10 s (what a process may still hold
// just after the warm-up), a second reading 30 s later shows where it settles.
const IDLE_MS = 30_000;
const ACTOR = {
  accountId: 'bench',
  username: 'bench',
  displayName: 'bench',
  platformRoles: ['admin' as const],
};

await withPlatform('scale', async ({ app, services, connection }) => {
  const manifests = await Promise.all(
    (await services.registry.approvedStandardPlugins()).map((p) =>
      services.registry.manifest(p.pluginId, p.version),
    ),
  );

  // Creating and publishing, one community after another, as operators would.
  const ids: string[] = [];
  const perHundred: number[] = [];
  let hundredStarted = performance.now();
  for (let i = 1; i <= COUNT; i++) {
    const id = `bench-${String(i).padStart(4, '0')}`;
    await services.communities.create(
      { id, name: `未来社区 ${i}`, city: '杭州', district: '西湖区', type: 'new-build' },
      'system',
    );
    const draft = await services.portals.draft(id);
    const portal = portalWithAll(manifests, draft.portal.theme);
    await services.portals.saveDraft(ACTOR, id, portal, draft.etag);
    await services.portals.publish(ACTOR, id, {});
    ids.push(id);
    if (i % 100 === 0 || i === COUNT) {
      const ms = (performance.now() - hundredStarted) / (i % 100 || 100);
      perHundred.push(ms);
      console.log(`  communities ${String(i).padStart(5)}: ${ms.toFixed(0)} ms each (last 100)`);
      hundredStarted = performance.now();
    }
  }
  const firstMs = perHundred[0]!;
  const lastMs = perHundred[perHundred.length - 1]!;
  console.log(
    `\ncreate + publish one community: first 100 ${firstMs.toFixed(0)} ms each, last 100 ${lastMs.toFixed(0)} ms each (× ${(lastMs / firstMs).toFixed(2)}) at ${COUNT}`,
  );
  reportFigure('scale.create-first-100-ms', Math.round(firstMs), 'ms');
  if (FULL) {
    reportFigure('scale.create-last-100-ms', Math.round(lastMs), 'ms');
    reportFigure('scale.create-growth', Number((lastMs / firstMs).toFixed(2)), '×');
  }

  // Every community's runtime part cached, as on a busy day, in the server as production runs it:
  // compiled, in a process of its own, on the same database. What it holds before the first part
  // is its fixed cost; what each hundred adds is the cost that grows with the province. Schedules
  // and roll-ups are off in it: their first pass over 1,300 communities that never ran one is
  // work of its own, not what a process holds with the portals cached.
  const server = await startServerProcess(
    `mongodb://${connection.host}:${connection.port}/`,
    connection.name,
    { SCHEDULE_TICK_MS: '0', ROLLUP_TICK_MS: '0' },
  );
  // Read after a pause: an idle V8 gives back what the last burst left behind.
  const settled = async (ms = SETTLE_MS) => {
    await new Promise((r) => setTimeout(r, ms));
    return server.memory();
  };
  const etags = new Map<string, string>();
  let before: ProcessMemory, after: ProcessMemory, idle: ProcessMemory, warmMs: number;
  try {
    before = await settled();
    // Each first GET builds the community's part from the database (by `_id` only): at province
    // scale this is what a restarted process pays, one community at a time.
    const warmStarted = performance.now();
    for (const id of ids) {
      const res = await fetch(`${server.url}/api/v1/runtime/${id}`);
      if (res.status !== 200) throw new Error(`runtime ${id} answered ${res.status}`);
      etags.set(id, res.headers.get('etag')!);
      await res.arrayBuffer();
    }
    warmMs = performance.now() - warmStarted;
    after = await settled();
    idle = await settled(IDLE_MS);
  } finally {
    await server.stop();
  }
  console.log(
    `first GET of each community's runtime part (built from the database): ${(warmMs / ids.length).toFixed(1)} ms each, ${(warmMs / 1000).toFixed(1)} s for ${ids.length}`,
  );
  const mb = (m: ProcessMemory) =>
    `RSS ${m.rss.toFixed(0)} MB (own allocations ${m.anon.toFixed(0)} MB of which malloc's heap ${m.malloc.toFixed(0)} MB, mapped files ${m.file.toFixed(0)} MB; peak ${m.peak.toFixed(0)} MB)`;
  const per100 = (k: keyof ProcessMemory) =>
    (((after[k] - before[k]) / ids.length) * 100).toFixed(1);
  console.log(
    `server process (compiled, as server's start script runs it) before the runtime cache: ${mb(before)}`,
  );
  console.log(
    `server process with ${COUNT} communities' runtime cached: ${mb(after)}; per 100 communities: RSS ${per100('rss')} MB`,
  );
  console.log(`the same process ${IDLE_MS / 1000} s later: ${mb(idle)}`);
  if (FULL) reportFigure('scale.rss-mb', Math.round(after.rss), 'MB');

  // The rates below are the bench's own app's (as before): its cache is warmed the same way.
  const platform = await listen(app);
  for (const id of ids) {
    const res = await fetch(`${platform.url}/api/v1/runtime/${id}`);
    if (res.status !== 200) throw new Error(`runtime ${id} answered ${res.status}`);
    if (res.headers.get('etag') !== etags.get(id))
      throw new Error(`runtime ${id}: the two processes answered different ETags`);
    await res.arrayBuffer();
  }

  // Random communities at 64 connections, against bare Express serving one community's bytes.
  const sample = ids[0]!;
  const one = await fetch(`${platform.url}/api/v1/runtime/${sample}`, {
    headers: { 'accept-encoding': 'identity' },
  });
  const body = Buffer.from(await one.arrayBuffer());
  const etag = one.headers.get('etag')!;
  const barePath = '/api/v1/runtime/one';
  const bare = await listen(bareExpress(barePath, body, etag));
  console.log(`one community's runtime part: ${(body.length / 1024).toFixed(1)} KiB`);
  const spread200 = ids.map((id) => ({ path: `/api/v1/runtime/${id}` }));
  const spread304 = ids.map((id) => ({
    path: `/api/v1/runtime/${id}`,
    headers: { 'if-none-match': etags.get(id)! },
  }));
  await measure('warm-up', platform.url, { seconds: 1, spread: spread200 });
  await measure('warm-up', bare.url + barePath, { seconds: 1 });
  const pair200 = await measurePair(
    { name: `runtime 200, ${COUNT} communities`, url: platform.url, opts: { spread: spread200 } },
    { name: 'bare express 200', url: bare.url + barePath },
  );
  const pair304 = await measurePair(
    { name: `runtime 304, ${COUNT} communities`, url: platform.url, opts: { spread: spread304 } },
    {
      name: 'bare express 304',
      url: bare.url + barePath,
      opts: { headers: { 'if-none-match': etag } },
    },
  );
  const [ratio200, ratio304] = printComparison(
    'GET /api/v1/runtime/:communityId, random community, 64 connections, vs bare Express',
    [pair200, pair304],
  );
  reportFigure('scale.runtime-200-ratio', ratio200!, '×');
  reportFigure('scale.runtime-304-ratio', ratio304!, '×');
  reportFigure(
    'scale.runtime-200-p99-ratio',
    Number((pair200.subject.p99Ms / Math.max(1, pair200.baseline.p99Ms)).toFixed(2)),
    '×',
  );
  await platform.close();
  await bare.close();
});

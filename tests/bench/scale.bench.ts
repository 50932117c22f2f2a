// `pnpm bench scale`: province scale. Creates SCALE_COMMUNITIES communities (1,300 when the bench
// is named, 100 as part of a whole `pnpm bench`, which CI runs and must stay short) through the
// services (create, draft, publish: every standard plugin installed and placed),
// reports the time to create the first and the last 100, warms the runtime cache, reports the
// process's RSS, then GETs random communities' runtime bundles at 64 connections (200 and 304)
// beside a bare Express handler serving one community's bytes, in the same run.
import { portalWithAll } from '@scene/server';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { reportFigure } from '@scene/bench-kit';
import { bareExpress, listen, measure, measurePair, printComparison, withPlatform } from './lib';

const COUNT = Number(process.env.SCALE_COMMUNITIES ?? (process.env.BENCH_NAMED ? 1300 : 100));
// Growth and memory only say something about province scale at province scale; below it the
// bench reports the creation time and the runtime's rates (its budgets hold at any size).
const FULL = COUNT >= 1000;
const ACTOR = {
  accountId: 'bench',
  username: 'bench',
  displayName: 'bench',
  platformRoles: ['admin' as const],
};

await withPlatform('scale', async ({ app, services }) => {
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

  // Every community's runtime part cached, as on a busy day. What the process holds before the
  // first is its fixed cost; what each hundred adds is the cost that grows with the province.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const memory = () => {
    gc();
    const m = process.memoryUsage();
    return { rss: m.rss / 2 ** 20, heap: m.heapUsed / 2 ** 20, external: m.external / 2 ** 20 };
  };
  const platform = await listen(app);
  const etags = new Map<string, string>();
  const before = memory();
  // Each first GET builds the community's part from the database (by `_id` only): at province
  // scale this is what a restarted process pays, one community at a time.
  const warmStarted = performance.now();
  for (const id of ids) {
    const res = await fetch(`${platform.url}/api/v1/runtime/${id}`);
    if (res.status !== 200) throw new Error(`runtime ${id} answered ${res.status}`);
    etags.set(id, res.headers.get('etag')!);
    await res.arrayBuffer();
  }
  const warmMs = performance.now() - warmStarted;
  const after = memory();
  console.log(
    `first GET of each community's runtime part (built from the database): ${(warmMs / ids.length).toFixed(1)} ms each, ${(warmMs / 1000).toFixed(1)} s for ${ids.length}`,
  );
  const rssMb = after.rss;
  const per100 = (k: keyof typeof after) =>
    (((after[k] - before[k]) / ids.length) * 100).toFixed(1);
  console.log(
    `memory before the runtime cache: RSS ${before.rss.toFixed(0)} MB (heap ${before.heap.toFixed(0)} MB, buffers ${before.external.toFixed(0)} MB)`,
  );
  console.log(
    `memory with ${COUNT} communities' runtime cached: RSS ${rssMb.toFixed(0)} MB (heap ${after.heap.toFixed(0)} MB, buffers ${after.external.toFixed(0)} MB); per 100 communities: RSS ${per100('rss')} MB, heap ${per100('heap')} MB, buffers ${per100('external')} MB`,
  );
  if (FULL) reportFigure('scale.rss-mb', Math.round(rssMb), 'MB');

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

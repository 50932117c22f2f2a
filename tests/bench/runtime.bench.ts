// `pnpm bench`: GET /api/v1/runtime/:communityId (200 and 304 paths) on the full platform app,
// against a bare Express handler returning the same bytes, in the same run: loopback only, five
// alternating rounds per pair, load from a worker thread, on a throw-away database.
import { createApi } from '@scene/client';
import { reportFigure } from '@scene/bench-kit';
import { bareExpress, listen, measure, measurePair, printComparison, withPlatform } from './lib';

await withPlatform('runtime', async ({ app }) => {
  const platform = await listen(app);
  const path = '/api/v1/runtime/cuiyuan';
  const first = await createApi({ baseUrl: platform.url }).runtime.bundle('cuiyuan');
  if (first.notModified || !first.etag) throw new Error('the runtime bundle did not answer 200');
  // The same bytes the server sends: it writes the bundle with JSON.stringify too.
  const body = Buffer.from(JSON.stringify(first.bundle));
  const etag = first.etag;
  const bare = await listen(bareExpress(path, body, etag));
  console.log(`runtime bundle: ${(body.length / 1024).toFixed(1)} KiB, ETag ${etag}`);

  // Warm both (JIT, caches), then measure alternately.
  await measure('warm-up', platform.url + path, { seconds: 1 });
  await measure('warm-up', bare.url + path, { seconds: 1 });
  const pair200 = await measurePair(
    { name: 'runtime 200', url: platform.url + path },
    { name: 'bare express 200', url: bare.url + path },
  );
  const notModified = { headers: { 'if-none-match': etag } };
  const pair304 = await measurePair(
    { name: 'runtime 304 (If-None-Match)', url: platform.url + path },
    { name: 'bare express 304', url: bare.url + path },
    notModified,
  );
  const [ratio200, ratio304] = printComparison(
    'GET /api/v1/runtime/:communityId vs a bare Express handler (same bytes, same run)',
    [pair200, pair304],
  );
  reportFigure('runtime.200-ratio', ratio200!, '×');
  reportFigure('runtime.304-ratio', ratio304!, '×');
  await platform.close();
  await bare.close();
});

// `pnpm bench`: GET /api/v1/runtime/:communityId (200 and 304 paths) on the full platform app,
// against a bare Express handler returning the same bytes and headers, in the same run: loopback
// only, eight alternating rounds per pair (see measurePair), load from a worker thread, on a
// throw-away database; req/s, p99 and CPU per request, each as a median. Then the
// database round trips of one create action over HTTP, on the same platform.
import { reportFigure } from '@scene/bench-kit';
import { commandLabel } from '../../server/src/testing/command-log';
import { bareExpress, listen, measure, measurePair, printComparison, withPlatform } from './lib';

// The driver reports its commands (for the round trips below); a runtime GET sends none.
await withPlatform(
  'runtime',
  async ({ app, services, connection }) => {
    const platform = await listen(app);
    const path = '/api/v1/runtime/cuiyuan';
    // The bytes and ETag the server sends without Accept-Encoding, as autocannon asks.
    const first = await fetch(platform.url + path, { headers: { 'accept-encoding': 'identity' } });
    const etag = first.headers.get('etag');
    if (first.status !== 200 || !etag) throw new Error('the runtime bundle did not answer 200');
    const body = Buffer.from(await first.arrayBuffer());
    const bare = await listen(bareExpress(path, body, etag));
    console.log(`runtime bundle: ${(body.length / 1024).toFixed(1)} KiB, ETag ${etag}`);
    await sameHeaders(platform.url + path, bare.url + path, etag);

    // Warm both (JIT, caches), then measure in alternating rounds.
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
      'GET /api/v1/runtime/:communityId vs a bare Express handler (same bytes and headers, same run; medians of alternating rounds)',
      [pair200, pair304],
    );
    reportFigure('runtime.200-ratio', ratio200!, '×');
    reportFigure('runtime.304-ratio', ratio304!, '×');
    // The same comparison in CPU per request: what each answer costs the server, which other
    // processes on the machine hardly move (req/s swings with them).
    if (pair200.cpuRatio !== undefined && pair304.cpuRatio !== undefined) {
      reportFigure('runtime.200-cpu-ratio', Number(pair200.cpuRatio.toFixed(2)), '×');
      reportFigure('runtime.304-cpu-ratio', Number(pair304.cpuRatio.toFixed(2)), '×');
    }
    await bare.close();

    // Database round trips of one create action over HTTP (std.property-repair `report` by a
    // signed-in resident), steady state: one command, one round trip. The change feed's polls run
    // on their own clock, once per process, and the queued notices are the worker's (not started
    // here): neither is the action's.
    const community = 'cuiyuan';
    const { id: accountId } = await services.auth.createAccount({
      username: 'bench-trips',
      displayName: 'bench-trips',
      password: 'bench-trips-password-1',
      platformRoles: [],
    });
    await services.members.ensure(community, accountId, 'resident');
    const { token } = await services.auth.openSession(accountId);
    const commands: string[] = [];
    connection.getClient().on('commandStarted', (e) => {
      commands.push(commandLabel(e));
    });
    const report = (n: number) =>
      fetch(
        `${platform.url}/api/v1/communities/${community}/plugins/std.property-repair/actions/report`,
        {
          method: 'POST',
          headers: { cookie: `scene_session=${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            input: {
              category: 'plumbing',
              locationType: 'room',
              room: '3幢2单元1201',
              title: `厨房水管漏水 ${n}`,
              contactPhone: '13812341234',
            },
          }),
        },
      );
    // The first actions warm the caches (session, membership, installation, numbering).
    for (let i = 0; i < 3; i++) {
      const res = await report(i);
      if (res.status !== 201) throw new Error(`report answered ${res.status}: ${await res.text()}`);
    }
    commands.length = 0;
    const res = await report(3);
    if (res.status !== 201) throw new Error(`report answered ${res.status}`);
    await res.arrayBuffer();
    const trips = commands.filter((c) => !c.endsWith(' change_feed'));
    console.log(
      `\ncreate action over HTTP, warm: ${trips.length} round trips\n  ${trips.join('\n  ')}`,
    );
    reportFigure('actions.create-round-trips', trips.length, 'commands');
    await platform.close();
  },
  { monitorCommands: true },
);

/**
 * The comparison is fair only if both answer alike: same status and headers (but the date) for
 * a 200 and a 304. Prints what they send; a difference ends the bench.
 */
async function sameHeaders(platformUrl: string, bareUrl: string, etag: string): Promise<void> {
  for (const headers of [{}, { 'if-none-match': etag }] as Record<string, string>[]) {
    // No Accept-Encoding, as autocannon sends (fetch would ask for gzip).
    const [mine, theirs] = await Promise.all(
      [platformUrl, bareUrl].map(async (url) => {
        const res = await fetch(url, { headers: { 'accept-encoding': 'identity', ...headers } });
        await res.arrayBuffer();
        const sent = [...res.headers].filter(([k]) => k !== 'date').sort();
        return { status: res.status, sent, names: sent.map(([k]) => k).join(', ') };
      }),
    );
    if (JSON.stringify(mine) !== JSON.stringify(theirs))
      throw new Error(
        `the runtime and the bare server answer differently:\n${JSON.stringify(mine)}\n${JSON.stringify(theirs)}`,
      );
    console.log(`  both answer ${mine!.status} with the same ${mine!.names}`);
  }
}

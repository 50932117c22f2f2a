// `pnpm bench`: GET /api/v1/runtime/:communityId (200 and 304 paths) on the full platform app,
// against a bare Express handler returning the same bytes, in the same run: loopback only, five
// alternating rounds per pair, load from a worker thread, on a throw-away database. Then the
// database round trips of one create action over HTTP, on the same platform.
import { createApi } from '@scene/client';
import { reportFigure } from '@scene/bench-kit';
import { bareExpress, listen, measure, measurePair, printComparison, withPlatform } from './lib';

// The driver reports its commands (for the round trips below); a runtime GET sends none.
await withPlatform(
  'runtime',
  async ({ app, services, connection }) => {
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
      const target: unknown = e.command[e.commandName];
      commands.push(`${e.commandName} ${typeof target === 'string' ? target : ''}`.trim());
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

// `pnpm bench`: a notice to every resident of a 10,000-resident community (std.notice-board's
// `push`, notifying the role `resident`). Two figures: how long the action takes to answer (it
// only queues one job) and how long the background worker takes to put the notice in 10,000
// inboxes (bounded rounds of 500-person batches, one claim per batch). Role holders come from
// the test kit's member directory, so this measures the queue and the inbox writes; the same
// journey over real memberships and HTTP is server/src/data/notifications/fanout.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startDatabase } from '@scene/devdb';
import mongoose from 'mongoose';
import { reportFigure } from '@scene/bench-kit';
import { runAction } from '../src/data/actions/service';
import { inboxHeads, newestFirst, unpack } from '../src/data/notifications/inbox';
import { loadStandardPlugin, member, testDataPlane } from '../src/data/records/test-kit';

const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 10_000);
const C = 'bench-community';

const dir = mkdtempSync(join(tmpdir(), 'scene-bench-'));
const server = await startDatabase({ dataDir: dir, log: () => {} });
const connection = mongoose.createConnection(server.uri, { dbName: 'bench', autoIndex: false });
await connection.asPromise();
try {
  const notices = loadStandardPlugin('notice-board');
  const dp = await testDataPlane(connection);
  await dp.install(C, notices);
  const editor = member(C, ['staff', 'plugin:noticeEditor'], 'editor');
  dp.members.add(C, editor.accountId, editor.communityRoles);
  for (let i = 0; i < RESIDENTS; i++)
    dp.members.add(C, `r${String(i).padStart(23, '0')}`, ['resident']);
  const run = (action: string, body: { input?: Record<string, unknown>; recordId?: string }) =>
    runAction(dp, { communityId: C, pluginId: notices.id, action, caller: editor, ...body });

  const draft = await run('draft', {
    input: {
      title: '停水通知',
      type: 'property',
      body: '明天 9:00–12:00 停水。',
      audience: 'residents',
      startAt: new Date().toISOString(),
    },
  });
  const recordId = (draft.body as { record: { id: string } }).record.id;
  await run('publish', { recordId });

  const t0 = performance.now();
  await run('push', { recordId });
  const answerMs = performance.now() - t0;
  const t1 = performance.now();
  await dp.drainNotices();
  const fanoutS = (performance.now() - t1) / 1000;
  const reached = (await inboxHeads(connection.db!).find({}).toArray()).filter((d) =>
    newestFirst(unpack(d.entries)).some((e) => e.recordId === recordId),
  ).length;
  if (reached !== RESIDENTS) throw new Error(`reached ${reached} of ${RESIDENTS} residents`);

  // The everyday case: a second notice, appended to inboxes that exist now (an update each,
  // where the first notice created them).
  const t2 = performance.now();
  await run('push', { recordId });
  await dp.drainNotices();
  const againS = (performance.now() - t2) / 1000;

  console.log(`a notice to ${RESIDENTS.toLocaleString('en')} residents (FerretDB)`);
  console.log(`  push answered in ${answerMs.toFixed(0)} ms (one queued job)`);
  console.log(`  background fan-out to every inbox: ${fanoutS.toFixed(1)} s`);
  console.log(`  a second notice, appended to every inbox: ${againS.toFixed(1)} s`);
  reportFigure('notify.push-answer-ms', Math.round(answerMs), 'ms');
  reportFigure('notify.fanout-10k-s', Number(fanoutS.toFixed(1)), 's');
  reportFigure('notify.fanout-10k-again-s', Number(againS.toFixed(1)), 's');
} finally {
  await connection.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

// `pnpm bench`: one run of a schedule over 10,000 records — the care plugin's missed check-in
// rule (10,000 enrolled elders, 1,000 checked in today: an absence rule over both collections,
// then per missed elder a claim, an inbox message and a follow-up alert record), driven by the
// runner in its bounded slices until the occurrence is done.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startDatabase } from '@scene/devdb';
import { reportFigure } from '@scene/bench-kit';
import mongoose, { Types } from 'mongoose';
import { recordCollectionName } from '../src/data/records/names';
import { testDataPlane } from '../src/data/records/test-kit';
import { careManifest, missedCheckInTargets } from '../src/data/schedules/care-fixture';
import { ScheduleRunner } from '../src/data/schedules/runner';

const RECORDS = Number(process.env.BENCH_SCHEDULE_RECORDS ?? 10_000);
const C = 'bench-community';
const dir = mkdtempSync(join(tmpdir(), 'scene-bench-'));
const server = await startDatabase({ dataDir: dir, log: () => {} });
const connection = mongoose.createConnection(server.uri, { dbName: 'bench', autoIndex: false });
await connection.asPromise();
try {
  const care = careManifest();
  const dp = await testDataPlane(connection);
  const installed = await dp.install(C, care);
  dp.clock.now = new Date('2026-03-10T02:05:00Z'); // 10:05 in Shanghai
  const owner = new Types.ObjectId().toHexString();
  const at = '2026-03-01T00:00:00.000Z';
  const record = (collection: string, fields: Record<string, unknown>) => ({
    _id: new Types.ObjectId().toHexString(),
    communityId: C,
    pluginId: care.id,
    collection,
    schemaVersion: 1,
    createdBy: owner,
    createdAt: at,
    updatedAt: at,
    history: [],
    _rev: 0,
    ...fields,
  });
  const enrolments = Array.from({ length: RECORDS }, (_, i) =>
    record('enrolments', { elderName: `老人${i}`, status: 'active' }),
  );
  const db = connection.db!;
  for (let i = 0; i < RECORDS; i += 5000)
    await db
      .collection(recordCollectionName(care.id, 'enrolments'))
      .insertMany(enrolments.slice(i, i + 5000) as never[]);
  await db
    .collection(recordCollectionName(care.id, 'checkins'))
    .insertMany(
      enrolments
        .filter((_, i) => i % 10 === 0)
        .map((e) => record('checkins', { elderId: e._id, date: '2026-03-10' })) as never[],
    );
  const runner = new ScheduleRunner(dp, missedCheckInTargets(installed));
  const t0 = performance.now();
  await runner.drain();
  const seconds = (performance.now() - t0) / 1000;
  const alerts = await db
    .collection(recordCollectionName(care.id, 'alerts'))
    .countDocuments({ communityId: C });
  if (alerts !== RECORDS * 0.9) throw new Error(`expected ${RECORDS * 0.9} alerts, got ${alerts}`);
  console.log(
    `schedule run over ${RECORDS.toLocaleString('en')} records (${alerts.toLocaleString('en')} acted: claim + inbox message + alert record each): ${seconds.toFixed(1)} s, ${(RECORDS / seconds).toFixed(0)} records/s`,
  );
  reportFigure('schedules.run-10k-s', Number(seconds.toFixed(1)), 's');
} finally {
  await connection.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

// `pnpm bench`: an aggregate query over 100,000 records of one community (10,000 of another
// community beside them): hours by day and kind of work over 100 days, community-wide with small
// groups suppressed, through the query service — against a plain driver read of the same
// projected records (the floor: the service streams them once and reduces in the process).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startDatabase } from '@scene/devdb';
import { figuresExampleManifest } from '@scene/schema';
import mongoose, { Types } from 'mongoose';
import { reportFigure } from '@scene/bench-kit';
import { runQuery } from '../src/data/queries/service';
import { recordCollectionName } from '../src/data/records/names';
import { member, testDataPlane } from '../src/data/records/test-kit';

const RECORDS = 100_000;
const C = 'bench-figures';
const DAYS = 100;

const dir = mkdtempSync(join(tmpdir(), 'scene-bench-'));
const server = await startDatabase({ dataDir: dir, log: () => {} });
const connection = mongoose.createConnection(server.uri, { dbName: 'bench', autoIndex: false });
await connection.asPromise();
try {
  const manifest = figuresExampleManifest();
  manifest.queries.hoursByDayAndKind = {
    ...manifest.queries.communityHours!,
    groupBy: 'kind',
    range: { field: 'date', maxDays: 400 },
  };
  const dp = await testDataPlane(connection);
  await dp.install(C, manifest);
  const resident = member(C, ['resident'], 'bench');
  const shifts = connection.db!.collection(recordCollectionName(manifest.id, 'shifts'));
  const kinds = ['garden', 'elderly', 'cleanup'];
  const start = Date.UTC(2026, 0, 1);
  const t0 = performance.now();
  for (const [community, count] of [
    [C, RECORDS],
    ['other-community', 10_000],
  ] as const) {
    for (let from = 0; from < count; from += 5000) {
      const batch = Array.from({ length: Math.min(5000, count - from) }, (_, k) => {
        const i = from + k;
        const at = new Date(start + ((i * 86_400_000 * DAYS) / count + (i % 7) * 3_600_000));
        return {
          _id: new Types.ObjectId().toHexString(),
          communityId: community,
          pluginId: manifest.id,
          collection: 'shifts',
          schemaVersion: 1,
          createdBy: resident.accountId,
          createdAt: at.toISOString(),
          updatedAt: at.toISOString(),
          history: [],
          _rev: 0,
          date: at.toISOString().slice(0, 10),
          hours: 0.5 + (i % 8) / 2,
          kind: kinds[i % 3],
        };
      });
      await shifts.insertMany(batch as never[], { ordered: false });
    }
  }
  console.log(
    `aggregate over ${RECORDS.toLocaleString('en')} records (+10,000 in another community; inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  const params = { from: '2026-01-01', to: '2026-04-11' };
  const time = async (label: string, fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    const ms = performance.now() - t;
    console.log(`  ${label.padEnd(58)} ${ms.toFixed(0).padStart(6)} ms`);
    return ms;
  };
  // One run each: on FerretDB v1 every read scans the collection in the proxy (about 0.3 ms a
  // record here, whatever the filter, projection or pipeline), so the driver read is the floor
  // and the ratio is the service's own cost; on MongoDB the range is served by an index.
  const floor = await time('baseline: driver read of the projected records', () =>
    shifts
      .find(
        { communityId: C, date: { $gte: '2025-12-31', $lte: '2026-04-12' } },
        { projection: { date: 1, kind: 1, hours: 1 } },
      )
      .toArray(),
  );
  const ms = await time('hours by day and kind via runQuery (100 days × 3 kinds)', () =>
    runQuery(dp, {
      communityId: C,
      pluginId: manifest.id,
      query: 'hoursByDayAndKind',
      caller: resident,
      params,
    }),
  );
  await time('…with compare=previous (two periods)', () =>
    runQuery(dp, {
      communityId: C,
      pluginId: manifest.id,
      query: 'hoursByDayAndKind',
      caller: resident,
      params: { ...params, compare: 'previous' },
    }),
  );
  console.log(`  ratio service / driver read: ${(ms / floor).toFixed(2)}`);
  reportFigure('aggregates.100k-ms', Math.round(ms), 'ms');
  reportFigure('aggregates.100k-ratio', Number((ms / floor).toFixed(2)), '×');
} finally {
  await connection.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

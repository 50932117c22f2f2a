// `pnpm bench audit`: one page of the audit log (50 entries, newest first) at 1,000 and at
// 50,000 entries on the local database, before and after it was read by key. Before: the query
// the service ran until then, `find().sort({at: -1, _id: -1}).limit(51)`, which FerretDB answers
// by fetching and sorting the whole log. After: AuditService.list, `_id` reads of the keys below
// the cursor (log-keys.ts). The community page (its own scope) and the platform page both. The
// log is laid out as record() writes it, inserted in bulk: 50,000 record() calls would take the
// bench longer than the figure is worth. The 50,000 size runs when the bench is named.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startDatabase } from '@scene/devdb';
import mongoose from 'mongoose';
import pino from 'pino';
import { reportFigure } from '@scene/bench-kit';
import { auditModels, type AuditDoc } from '../src/control/audit/model';
import { AuditService } from '../src/control/audit/service';
import { communityScope, entryKey, PLATFORM_SCOPE } from '../src/control/audit/log-keys';

const SIZES = process.env.BENCH_NAMED ? [1_000, 50_000] : [1_000];
const C = 'bench-community';
const LIMIT = 50;

async function median(runs: number, f: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

const dir = mkdtempSync(join(tmpdir(), 'scene-bench-'));
const server = await startDatabase({ dataDir: dir, log: () => {} });
const connection = mongoose.createConnection(server.uri, { dbName: 'bench', autoIndex: false });
await connection.asPromise();
try {
  const models = auditModels(connection);
  const audit = new AuditService(models, pino({ level: 'silent' }));
  let written = 0;
  const counts = { [PLATFORM_SCOPE]: 0, [communityScope(C)]: 0 };
  // Appends entries as record() lays them out: every one in the platform's scope, one in four
  // also in the community's (the rest belong to other communities).
  async function grow(to: number): Promise<void> {
    while (written < to) {
      const batch: AuditDoc[] = [];
      for (let i = 0; i < 1_000 && written < to; i++, written++) {
        const communityId = written % 4 === 0 ? C : `other-${written % 7}`;
        const entry = {
          at: new Date(Date.UTC(2026, 0, 1) + written * 60_000),
          actorId: `acc-${written % 50}`,
          actorRoles: ['operator'],
          action: 'installation.update',
          targetType: 'installation',
          targetId: `plugin-${written % 20}`,
          communityId,
          summary: { fields: ['config'] },
        };
        for (const scope of [PLATFORM_SCOPE, ...(communityId === C ? [communityScope(C)] : [])]) {
          const seq = ++counts[scope]!;
          batch.push({ ...entry, _id: entryKey(scope, seq), scope, seq });
        }
      }
      await models.AuditEntry.collection.insertMany(batch as never[]);
    }
    for (const [scope, n] of Object.entries(counts))
      await models.AuditHead.updateOne({ _id: scope }, { n }, { upsert: true });
  }
  const before = (query: Record<string, unknown>) => () =>
    models.AuditEntry.find(query)
      .sort({ at: -1, _id: -1 })
      .limit(LIMIT + 1)
      .lean();

  console.log(`one audit page of ${LIMIT} entries, newest first (FerretDB)`);
  for (const size of SIZES) {
    await grow(size);
    const label = size >= 1_000 ? `${size / 1_000}k` : String(size);
    // Before: one run at 50,000 (it takes a while), medians of 3 at 1,000.
    const runs = size > 10_000 ? 1 : 3;
    const oldCommunity = await median(runs, before({ communityId: C }));
    const oldPlatform = await median(runs, before({}));
    const first = await audit.list({ communityId: C, limit: LIMIT });
    if (first.items.length !== LIMIT || !first.nextCursor) throw new Error('short first page');
    const newCommunity = await median(3, () => audit.list({ communityId: C, limit: LIMIT }));
    const newPlatform = await median(3, () => audit.list({ limit: LIMIT }));
    // A page deep in the log costs the same as the first.
    const deep = String(Math.floor(size / 8));
    const newDeep = await median(3, () =>
      audit.list({ communityId: C, limit: LIMIT, cursor: deep }),
    );
    console.log(`  at ${label} entries:`);
    console.log(
      `    community page: before ${oldCommunity.toFixed(0)} ms, after ${newCommunity.toFixed(0)} ms (a page deep in the log: ${newDeep.toFixed(0)} ms)`,
    );
    console.log(
      `    platform page:  before ${oldPlatform.toFixed(0)} ms, after ${newPlatform.toFixed(0)} ms`,
    );
    reportFigure(`audit.page-before-ms-${label}`, Math.round(oldCommunity), 'ms');
    reportFigure(`audit.page-ms-${label}`, Math.round(newCommunity), 'ms');
    reportFigure(`audit.platform-page-before-ms-${label}`, Math.round(oldPlatform), 'ms');
    reportFigure(`audit.platform-page-ms-${label}`, Math.round(newPlatform), 'ms');
  }
} finally {
  await connection.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

// `pnpm bench`: reads and writes by `_id` on the database the platform starts, among 20,000
// documents, beside a read by another field in the same run. On MongoDB both sides use indexes;
// on the local FerretDB only `_id` is indexed, and a by-`_id` lookup uses that index only because
// @scene/devdb builds FerretDB with its query matched to the index, and narrowing by `_id` also
// when the filter names more (packages/devdb/src/ferretdb.ts).
// The ratio says whether a lookup by `_id` is a lookup or a scan, whatever the machine's load.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startDatabase } from '@scene/devdb';
import { reportFigure } from '@scene/bench-kit';
import mongoose from 'mongoose';

const DOCS = 20_000;
const ROUNDS = 100;

const dir = mkdtempSync(join(tmpdir(), 'scene-bench-'));
const server = await startDatabase({ dataDir: dir, log: () => {} });
const client = await mongoose.mongo.MongoClient.connect(server.uri);
try {
  const docs = client.db('bench').collection<{ _id: string; serial: number; body: string }>('docs');
  for (let i = 0; i < DOCS; i += 1000)
    await docs.insertMany(
      Array.from({ length: 1000 }, (_, j) => ({
        _id: `doc-${i + j}`,
        serial: i + j,
        body: '社区'.repeat(150),
      })),
    );
  const pick = () => Math.floor(Math.random() * DOCS);

  const median = async (op: (n: number) => Promise<unknown>): Promise<number> => {
    const times: number[] = [];
    for (let k = 0; k < ROUNDS; k++) {
      const n = pick();
      const t = performance.now();
      await op(n);
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
  };

  const find = await median(async (n) => {
    if (!(await docs.findOne({ _id: `doc-${n}` }))) throw new Error(`doc-${n} not found`);
  });
  const miss = await median((n) => docs.findOne({ _id: `none-${n}` }));
  const update = await median(async (n) => {
    const r = await docs.updateOne({ _id: `doc-${n}` }, { $set: { body: `更新 ${n}` } });
    if (r.matchedCount !== 1) throw new Error(`doc-${n} not updated`);
  });
  // A record's guarded update names its revision beside its `_id`.
  const guarded = await median(async (n) => {
    const r = await docs.updateOne({ _id: `doc-${n}`, serial: n }, { $set: { body: `再次 ${n}` } });
    if (r.matchedCount !== 1) throw new Error(`doc-${n} not updated by _id and serial`);
  });
  const byField = await median(async (n) => {
    if (!(await docs.findOne({ serial: n }))) throw new Error(`serial ${n} not found`);
  });

  console.log(
    `${server.kind}, ${DOCS} documents, median of ${ROUNDS}: find by _id ${find.toFixed(1)} ms ` +
      `(a missing _id ${miss.toFixed(1)} ms), update by _id ${update.toFixed(1)} ms ` +
      `(by _id and another field ${guarded.toFixed(1)} ms), ` +
      `find by another field ${byField.toFixed(1)} ms`,
  );
  const tenth = (ms: number) => Math.round(ms * 10) / 10;
  reportFigure('db.by-id-find-ms', tenth(find), 'ms');
  reportFigure('db.by-id-update-ms', tenth(update), 'ms');
  reportFigure('db.by-id-guarded-update-ms', tenth(guarded), 'ms');
  const ratio = Math.max(find, miss, update, guarded) / byField;
  reportFigure('db.by-id-vs-field-ratio', Number(ratio.toPrecision(2)), '×');
} finally {
  await client.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

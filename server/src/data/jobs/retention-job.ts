import { mongo as mongoNs, type mongo } from 'mongoose';
import { KEY_TTL_MS } from '../actions/idempotency';
import { noteChange, purgeChangeClaims } from '../records/changes';
import type { PluginCatalogEntry } from '../records/indexes';
import {
  IDEMPOTENCY,
  PLUGIN_CATALOG,
  recordCollectionName,
  REVISIONS,
  SCHEDULE_CLAIMS,
  SCHEDULE_RUNS,
  SEATS,
} from '../records/names';
import { keepNumbersTaken } from '../records/numbers';
import { purgeDoneMarks } from '../notifications/carried';
import { valuesAt } from '../records/schema-walk';
import type { StoredRecord } from '../records/types';
import { sweepUploadRates } from '../uploads/limits';
import { deleteUpload } from '../uploads/service';

export interface RetentionReport {
  records: Record<string, number>;
  uploads: number;
  revisions: number;
  /** Change-log claims of record writes older than a week (records/changes.ts). */
  changeClaims: number;
  idempotencyKeys: number;
  scheduleClaims: number;
  scheduleRuns: number;
}

const BATCH = 500;
const DAY = 24 * 60 * 60 * 1000;
/** Revision claims only matter until the write they announce is done. */
const REVISION_TTL_MS = 7 * DAY;
const SCHEDULE_CLAIM_TTL_MS = 8 * DAY;
/** The run log an operator reads goes back a year. */
const SCHEDULE_RUN_TTL_MS = 366 * DAY;

/**
 * Purges records older than their plugin's `retention.days` (with the places they hold and the
 * photos they reference), plus expired revision claims and idempotency keys. Everything is a
 * delete by condition, so running it twice, or twice at once, is safe.
 */
export async function runRetention(db: mongo.Db, now = new Date()): Promise<RetentionReport> {
  const report: RetentionReport = {
    records: {},
    uploads: 0,
    revisions: 0,
    changeClaims: 0,
    idempotencyKeys: 0,
    scheduleClaims: 0,
    scheduleRuns: 0,
  };
  const catalog = await db.collection<PluginCatalogEntry>(PLUGIN_CATALOG).find({}).toArray();
  for (const plugin of catalog) {
    for (const [collection, days] of Object.entries(plugin.retention ?? {})) {
      const name = recordCollectionName(plugin._id, collection);
      const cutoff = new Date(now.getTime() - days * DAY).toISOString();
      const col = db.collection<StoredRecord>(name);
      let purged = 0;
      for (;;) {
        const batch = await col.find({ createdAt: { $lt: cutoff } }, { limit: BATCH }).toArray();
        if (batch.length === 0) break;
        const ids = batch.map((d) => d._id);
        const files = batch.flatMap((d) =>
          (plugin.uploadFields?.[collection] ?? []).flatMap((p) => valuesAt(d, p.split('.'))),
        );
        await db.collection(SEATS).deleteMany({ recordId: { $in: ids } });
        await keepNumbersTaken(db, batch);
        purged += (await col.deleteMany({ _id: { $in: ids } })).deletedCount;
        for (const communityId of new Set(batch.map((d) => d.communityId))) {
          const gone = batch.filter((d) => d.communityId === communityId);
          // The numbers of numbered records too (queries/number-probe.ts follows past them).
          const nums = gone.flatMap((d) => (typeof d._n === 'number' ? [d._n] : []));
          const key = { communityId, pluginId: plugin._id, collection };
          await noteChange(
            db,
            key,
            gone.map((d) => d._id),
            nums,
          );
        }
        for (const f of files) {
          if (typeof f !== 'string' || !/^[0-9a-f]{24}$/.test(f)) continue;
          if (await deleteUpload(db, new mongoNs.ObjectId(f))) report.uploads++;
        }
        if (batch.length < BATCH) break;
      }
      report.records[name] = purged;
    }
  }
  report.changeClaims = await purgeChangeClaims(db, now);
  report.revisions = (
    await db
      .collection(REVISIONS)
      .deleteMany({ at: { $lt: new Date(now.getTime() - REVISION_TTL_MS) } })
  ).deletedCount;
  await sweepUploadRates(db, now);
  report.idempotencyKeys = (
    await db
      .collection(IDEMPOTENCY)
      .deleteMany({ createdAt: { $lt: new Date(now.getTime() - KEY_TTL_MS) } })
  ).deletedCount;
  // A claim only matters while its occurrence can still run: at most the 7-day catch-up window.
  report.scheduleClaims = (
    await db
      .collection(SCHEDULE_CLAIMS)
      .deleteMany({ at: { $lt: new Date(now.getTime() - SCHEDULE_CLAIM_TTL_MS) } })
  ).deletedCount;
  report.scheduleRuns = (
    await db
      .collection(SCHEDULE_RUNS)
      .deleteMany({ occurrence: { $lt: new Date(now.getTime() - SCHEDULE_RUN_TTL_MS) } })
  ).deletedCount;
  // Marks of finished notices their records carried, older than any sweep looks back.
  await purgeDoneMarks(db, now);
  return report;
}

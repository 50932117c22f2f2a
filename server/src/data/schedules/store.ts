import type { mongo } from 'mongoose';
import { duplicateKeyIndexes, isDuplicateKey } from '../../db/errors';
import { SCHEDULE_CLAIMS, SCHEDULE_RUNS, SCHEDULE_STATE } from '../records/names';

/**
 * One run of a schedule, and its log line. For an `at` schedule the document is inserted before
 * the occurrence is worked on and its `_id` names the occurrence, so inserting it is the claim
 * that only one process starts it; `late` marks an occurrence older than the catch-up window
 * when the runner first saw it. For an `after` schedule each checked window with work gets one.
 */
export interface RunDoc {
  _id: string;
  communityId: string;
  pluginId: string;
  schedule: string;
  kind: 'at' | 'after';
  /** The occurrence (`at`) or the end of the checked window (`after`). */
  occurrence: Date;
  status: 'running' | 'done' | 'late';
  /** Records the schedule's filter matched. */
  matched: number;
  /** Records acted on. */
  acted: number;
  /** Matched but already handled (by another process or an earlier pass). */
  skipped: number;
  /** `after` records whose moment passed longer ago than the catch-up window. */
  late: number;
  failed: number;
  /** The last record id worked on: a run spans several slices, and survives a restart. */
  cursor: string | null;
  /** The process working on it, and when it last showed it is alive. */
  by: string;
  heartbeatAt: Date;
  startedAt: Date;
  finishedAt?: Date;
}

export interface StateDoc {
  _id: string;
  /** An `after` schedule's records are checked up to here. */
  checkedUntil: Date;
}

export const runs = (db: mongo.Db) => db.collection<RunDoc>(SCHEDULE_RUNS);
export const states = (db: mongo.Db) => db.collection<StateDoc>(SCHEDULE_STATE);
const claims = (db: mongo.Db) =>
  db.collection<{ _id: string; communityId: string; at: Date }>(SCHEDULE_CLAIMS);

/** Inserts a run document; false when one with that id exists (someone else claimed it). */
export async function insertRun(db: mongo.Db, doc: RunDoc): Promise<boolean> {
  try {
    await runs(db).insertOne(doc);
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/**
 * Claims each (schedule, occurrence, record) key by inserting it: exactly once across processes
 * and restarts, as every such rule here (db/claims.ts). Returns the keys this call claimed; the
 * others were claimed before.
 */
export async function claimKeys(
  db: mongo.Db,
  communityId: string,
  keys: string[],
  at: Date,
): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const docs = keys.map((_id) => ({ _id, communityId, at }));
  let lost = new Set<number>();
  try {
    await claims(db).insertMany(docs, { ordered: false });
  } catch (err) {
    const refused = duplicateKeyIndexes(err);
    if (!refused) throw err;
    lost = new Set(refused);
  }
  return new Set(keys.filter((_, i) => !lost.has(i)));
}

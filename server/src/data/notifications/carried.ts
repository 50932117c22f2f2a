import type { Notify } from '@scene/schema';
import type { mongo } from 'mongoose';
import { duplicateKeyIndexes, isDuplicateKey } from '../../db/errors';
import { NOTIFY_DONE, NOTIFY_JOBS, parseRecordCollectionName } from '../records/names';
import type { DataPlaneDeps, StoredRecord } from '../records/types';
import { recordCollections } from '../privacy/service';
import { noticeJob, type NotifyJob } from './queue';

/**
 * Notices carried by their record (issue 18: a create in one round trip). A create whose notices
 * go to the worker anyway (one is to a role) writes them into the record it inserts, as the
 * record's `_notify`, and answers after that one insert. A refused insert therefore notifies nobody. The jobs are then queued in the background
 * (`queueCarried`): gathered for `carrying.ms` and written with one insert per round for every create
 * of the process meanwhile, so the queue's writes do not take a command from each create. One
 * such write is under way per database at a time: while it lasts the next round keeps gathering,
 * so when the database is slow the rounds grow instead of piling up beside the creates.
 *
 * A process that dies between answering and queueing leaves the jobs in the record only. The
 * next process to start sweeps (`sweepCarried`, once, SWEEP_AFTER_MS after its start, so that
 * the processes still running have queued what they carried): records created in the day
 * before it started that carry notices, each job queued unless it is queued already (its `_id`)
 * or finished (a mark in notify_done, written by the worker before it forgets a carried job).
 * So each notice goes out once. The sweep scans the record collections (on the local database
 * it decodes every record): once per start, never per tick.
 *
 * What the record carries is small (`Carried`: the action, and per job its id, its notice's
 * place in the action's `notify` and the people resolved for it), not the jobs themselves: the
 * field stays in the record (removing it later would be a second write to the record, which on
 * the local database can undo a concurrent change, see records/revisions.ts), so every scan of
 * the collection, every list cache and every insert pays for it. The jobs' texts were 830 of a
 * repair ticket's 1,250 bytes. The sweep rebuilds a job from the installed manifest and
 * configuration (`noticeJob`, as the create built it); a notice the installed version no longer
 * declares at that place is not sent.
 */

/** The record field that carries its notices' jobs. */
export const CARRIED = '_notify';
/** Reads of records to list or cache: what a record carries is for the sweep only. */
export const WITHOUT_CARRIED = { projection: { [CARRIED]: 0 } };
/**
 * How long a process gathers carried jobs before writing them (one insert for all of them);
 * tests of crashes hold them longer, so the "process" can die before it writes them. On the local
 * database an insert costs about as much per job as per command (actions bench, create-14: at
 * 20 ms a round held the jobs of ~4 creates and its writes cost each create ~2 ms of database
 * time beside its record; at 100 ms ~20 creates, ~1 ms). The worker polls once a second anyway.
 */
export const carrying = { ms: 100 };
/** After a start, the sweep waits this long: running processes queue what they carry by then. */
export const SWEEP_AFTER_MS = 60_000;
/** How far back the sweep looks: a process restarted later than this loses its carried notices. */
const SWEEP_BACK_MS = 24 * 60 * 60 * 1000;
/** Marks of finished carried jobs outlive the sweep's window; the retention job removes them. */
export const DONE_TTL_MS = 2 * SWEEP_BACK_MS;

const done = (db: mongo.Db) => db.collection<{ _id: string; at: Date }>(NOTIFY_DONE);
const jobs = (db: mongo.Db) => db.collection<NotifyJob>(NOTIFY_JOBS);

/**
 * What a record carries, as JSON (FerretDB v1 stores no nested arrays): the create action's
 * name, and per job `[job id, index of its notice in the action's notify, direct recipients]`.
 */
interface Carried {
  action: string;
  jobs: [string, number, string[]][];
}

/** Writes the jobs into the record about to be inserted (replacing an earlier attempt's). */
export function carry(
  doc: StoredRecord,
  action: string,
  notify: Notify[],
  list: { job: NotifyJob; notice: Notify }[],
): void {
  for (const { job } of list) job.carried = true;
  const carried: Carried = {
    action,
    jobs: list.map(({ job, notice }) => [job._id, notify.indexOf(notice), job.direct]),
  };
  doc[CARRIED] = JSON.stringify(carried);
}

/** The jobs a record carries, rebuilt from its plugin as installed now (the sweep). */
async function carriedJobs(
  deps: DataPlaneDeps,
  pluginId: string,
  doc: StoredRecord,
): Promise<NotifyJob[]> {
  const carried = JSON.parse(String(doc[CARRIED])) as Carried;
  const plugin = await deps.installed.get(doc.communityId, pluginId);
  const action = plugin?.manifest.actions[carried.action];
  const notify = action && 'notify' in action ? action.notify : undefined;
  if (!plugin || !notify) return [];
  const at = new Date(doc.createdAt);
  return carried.jobs.flatMap(([id, k, direct]) => {
    const n = notify[k];
    if (!n) return [];
    return [{ ...noticeJob(plugin, n, doc._id, direct, id, at), carried: true as const }];
  });
}

interface Gathering {
  list: NotifyJob[];
  /** The write under way (or the wait before it). */
  flight: Promise<void>;
  /** Ends the wait now. */
  wake: () => void;
}

/** Per database: the jobs gathered for the next write. */
const gathering = new Map<mongo.Db, Gathering>();
/** Writes under way, for `flushCarried`. */
const flights = new Set<Promise<void>>();
/** Per database: the latest round's flight; the next round writes only after it (never rejects). */
const latest = new Map<mongo.Db, Promise<void>>();

/** Queues jobs whose record is inserted: in the background, gathered with the process's others. */
export function queueCarried(db: mongo.Db, list: NotifyJob[]): void {
  const open = gathering.get(db);
  if (open) return void open.list.push(...list);
  const batch: Gathering = { list: [...list], flight: Promise.resolve(), wake: () => {} };
  gathering.set(db, batch);
  const before = latest.get(db);
  batch.flight = new Promise<void>((r) => {
    const timer = setTimeout(r, carrying.ms).unref();
    batch.wake = () => {
      clearTimeout(timer);
      r();
    };
  })
    // Still gathering while the round before writes.
    .then(() => before)
    .then(() => {
      if (gathering.get(db) === batch) gathering.delete(db);
      return insertWithRetries(db, batch.list);
    })
    // Left in the records: the next start's sweep queues them.
    .catch(() => undefined)
    .finally(() => {
      flights.delete(batch.flight);
      if (latest.get(db) === batch.flight) latest.delete(db);
    });
  latest.set(db, batch.flight);
  flights.add(batch.flight);
}

/** Waits until the jobs gathered so far are written (the worker's drain, a clean shutdown). */
export async function flushCarried(): Promise<void> {
  for (const batch of gathering.values()) batch.wake();
  while (flights.size) await Promise.all([...flights]);
}

/** Forgets the gathered jobs unwritten, as a process that dies does (tests of crashes). */
export function dropCarried(): void {
  // A dropped batch's write finds its list empty.
  for (const batch of gathering.values()) {
    batch.list.length = 0;
    batch.wake();
  }
  gathering.clear();
}

/**
 * Waits before each new try of a gathered write that failed (a database that blipped). Without
 * them the jobs would wait in their records for the next process start, which may be days.
 */
export const RETRY_WAITS_MS = [250, 1_000, 4_000, 15_000];

async function insertWithRetries(db: mongo.Db, list: NotifyJob[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await insertJobs(db, list);
    } catch (err) {
      const wait = RETRY_WAITS_MS[attempt];
      if (wait === undefined) throw err;
      await new Promise((r) => setTimeout(r, wait).unref());
    }
  }
}

async function insertJobs(db: mongo.Db, list: NotifyJob[]): Promise<void> {
  if (!list.length) return;
  try {
    // Unordered: a job a sweep queued already is a duplicate `_id`, and the others still go in.
    await jobs(db).insertMany(list, { ordered: false });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

/** Marks a carried job finished (the worker, before it forgets the job). */
export async function markDone(db: mongo.Db, id: string): Promise<void> {
  try {
    await done(db).insertOne({ _id: id, at: new Date() });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

/** Marks carried jobs finished with one insert (the worker's batch of small jobs). */
export async function markAllDone(db: mongo.Db, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const at = new Date();
  try {
    await done(db).insertMany(
      ids.map((_id) => ({ _id, at })),
      { ordered: false },
    );
  } catch (err) {
    // Marked before (a batch run again after a crash): the others still went in.
    if (!duplicateKeyIndexes(err)) throw err;
  }
}

/**
 * Queues the carried jobs of records created between `since` and `until` that are neither
 * queued nor finished: what a process that died carried. Returns how many it queued.
 */
export async function sweepCarried(
  deps: DataPlaneDeps,
  until: Date,
  since = new Date(until.getTime() - SWEEP_BACK_MS),
): Promise<number> {
  const db = deps.connection.db;
  if (!db) return 0;
  let queued = 0;
  for (const name of await recordCollections(db)) {
    const pluginId = parseRecordCollectionName(name)?.pluginId;
    if (!pluginId) continue;
    const found = await db
      .collection<StoredRecord>(name)
      .find(
        {
          [CARRIED]: { $exists: true },
          createdAt: { $gte: since.toISOString(), $lt: until.toISOString() },
        },
        { projection: { [CARRIED]: 1, communityId: 1, createdAt: 1 } },
      )
      .toArray();
    for (const doc of found) {
      const missing: NotifyJob[] = [];
      for (const j of await carriedJobs(deps, pluginId, doc)) {
        if (await jobs(db).findOne({ _id: j._id }, { projection: { _id: 1 } })) continue;
        if (await done(db).findOne({ _id: j._id })) continue;
        missing.push(j);
      }
      await insertJobs(db, missing);
      queued += missing.length;
    }
  }
  return queued;
}

/** Removes marks of finished carried jobs older than DONE_TTL_MS (the retention job). */
export async function purgeDoneMarks(db: mongo.Db, now: Date): Promise<number> {
  const old = { at: { $lt: new Date(now.getTime() - DONE_TTL_MS) } };
  return (await done(db).deleteMany(old)).deletedCount;
}

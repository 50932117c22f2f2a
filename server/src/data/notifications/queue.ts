import {
  membershipRolesHolding,
  withConfigValues,
  type LocalizedText,
  type Notify,
  type RoleRef,
} from '@scene/schema';
import { Types, type mongo } from 'mongoose';
import { isDuplicateKey } from '../../db/claims';
import { NOTIFY_JOBS, NOTIFY_RECIPIENTS, NOTIFY_STEPS } from '../records/names';
import type { PluginContext } from '../records/context';
import type { DataPlaneDeps, InstalledPlugin } from '../records/types';
import { CHANNEL_LIST } from './channels';
import { reachOf } from './preferences';
import { markDone } from './carried';

/**
 * A notice to send: written (durably) after the write that caused it, then fanned out to its
 * recipients in batches by the worker. People named directly (the actor, the record's owner, a
 * field, their family) are resolved when the job is written; the holders of a role — maybe
 * every resident — are read by the worker, page by page, so the action answers at once.
 */
export interface NotifyJob {
  _id: string;
  communityId: string;
  pluginId: string;
  recordId: string | null;
  view: string | null;
  title: LocalizedText;
  body: LocalizedText | null;
  direct: string[];
  /**
   * Membership roles whose holders the notice reaches (a `{role}` target; FerretDB v1 stores no
   * nested arrays, and a notice has one target).
   */
  roles: string[];
  /** A finished job is removed (see forget). */
  state: 'queued' | 'running';
  /**
   * Carried by its record (`_notify`, carried.ts) and queued after the record's insert: when it
   * is finished, a mark stays (notify_done) so a sweep after a crash does not queue it again.
   */
  carried?: true;
  /** A running job whose lease passed is taken over by the next worker round. */
  leaseUntil?: Date;
  /** Set once the recipients are resolved. */
  total?: number;
  steps?: number;
  createdAt: Date;
}

export interface QueuePolicy {
  /** People per batch: one inbox insert, one webhook delivery. */
  batchSize: number;
  /** How long a worker may hold a job or a step before another takes it over. */
  leaseMs: number;
}

export const DEFAULT_QUEUE: QueuePolicy = { batchSize: 500, leaseMs: 60_000 };

export const notifyJobs = (db: mongo.Db) => db.collection<NotifyJob>(NOTIFY_JOBS);
/** Claims of a job's steps (`<id>#r` resolves it, `<id>#<k>` is its batch k). */
export const notifySteps = (db: mongo.Db) =>
  db.collection<{ _id: string; until: Date; done: boolean }>(NOTIFY_STEPS);
const recipientsOf = (db: mongo.Db) =>
  db.collection<{ _id: string; ids: string[] }>(NOTIFY_RECIPIENTS);

/** The people a target names directly, read from the record and the action. */
async function directTargets(
  ctx: PluginContext,
  n: Notify,
  record: Record<string, unknown>,
): Promise<string[]> {
  const to = n.to as Record<string, unknown>;
  const ids = (v: unknown) =>
    [v].flat().filter((x): x is string => typeof x === 'string' && x.length > 0);
  // The person who ran the action (a family member acting for someone is the actor).
  if (to.actor === true) return ids(ctx.actor?.accountId);
  if (to.owner === true) return ids(record.createdBy);
  if (typeof to.field === 'string') return ids(record[to.field]);
  if (typeof to.familyOf === 'string') {
    const whose =
      to.familyOf === 'owner'
        ? record.createdBy
        : to.familyOf === 'actor'
          ? ctx.actor?.accountId
          : record[to.familyOf];
    return ctx.deps.households.familyOf(ctx.communityId, ids(whose));
  }
  return [];
}

/**
 * Sends each declared notice: a notice to a role becomes a job for the worker, and so do the
 * action's other notices then (one insert); without one, notices naming people directly are
 * delivered right away, in this request (a failure leaves a job for the worker). Plugins without the `notify:send` permission send nothing.
 */
export async function enqueueNotices(
  ctx: PluginContext,
  notifies: Notify[] | undefined,
  record: Record<string, unknown>,
): Promise<number> {
  const list = await jobsFor(ctx, notifies, record);
  // A notice to a role is a job for the worker. When one is written anyway, notices to people
  // named directly go in the same insert (one round trip, where delivering them here costs two:
  // their settings, their inboxes) and reach them with the worker's next round. Otherwise they
  // are delivered here, in this request (a repeat adds nothing); what could not be delivered
  // becomes a job too.
  if (ctx.notices) ctx.notices.push(...list);
  else await sendNow(ctx.db, list);
  return list.length;
}

/** The jobs of the declared notices for `record` (its `_id` as it will be stored), unsent. */
export async function jobsFor(
  ctx: PluginContext,
  notifies: Notify[] | undefined,
  record: Record<string, unknown>,
): Promise<NotifyJob[]> {
  return (await noticeJobs(ctx, notifies, record)).map((j) => j.job);
}

/** `jobsFor`, each job with the notice it is of (what a record that carries them names). */
export async function noticeJobs(
  ctx: PluginContext,
  notifies: Notify[] | undefined,
  record: Record<string, unknown>,
): Promise<{ job: NotifyJob; notice: Notify }[]> {
  const list: { job: NotifyJob; notice: Notify }[] = [];
  if (!notifies?.length) return list;
  // The same notice to the same person once, though two targets name them (the actor who is
  // also the owner; a relative who is also the assignee).
  const reached = new Map<string, Set<string>>();
  for (const n of notifies) {
    const role = (n.to as { role?: string }).role;
    const same = JSON.stringify([n.title, n.body ?? null, n.view ?? null]);
    const before = reached.get(same) ?? new Set<string>();
    const direct = [...new Set(await directTargets(ctx, n, record))].filter(
      (id) => !before.has(id),
    );
    for (const id of direct) before.add(id);
    reached.set(same, before);
    if (!direct.length && !role) continue;
    const job = noticeJob(
      ctx.plugin,
      n,
      typeof record._id === 'string' ? record._id : null,
      direct,
      new Types.ObjectId().toHexString(),
      ctx.now,
    );
    list.push({ job, notice: n });
  }
  return list;
}

/**
 * The job of one notice of an installed plugin: its texts with the installation's values, the
 * roles its target reaches. The one place a job is built (a create's, a sweep's rebuild).
 */
export function noticeJob(
  plugin: Pick<InstalledPlugin, 'communityId' | 'pluginId' | 'manifest' | 'config'>,
  n: Notify,
  recordId: string | null,
  direct: string[],
  id: string,
  createdAt: Date,
): NotifyJob {
  const role = (n.to as { role?: string }).role;
  return {
    _id: id,
    communityId: plugin.communityId,
    pluginId: plugin.pluginId,
    recordId,
    view: n.view ?? null,
    // `{config.<key>}` reads this installation's value as it is now, in words (9:30, not 09:30).
    title: withConfigValues(n.title, plugin.config),
    body: n.body ? withConfigValues(n.body, plugin.config) : null,
    direct,
    roles: role ? membershipRolesHolding(plugin.manifest, role as RoleRef) : [],
    state: 'queued',
    createdAt,
  };
}

async function sendNow(db: mongo.Db, list: NotifyJob[]): Promise<void> {
  const toRole = list.some((j) => j.roles.length > 0);
  const queued: NotifyJob[] = [];
  for (const j of list) {
    if (toRole) queued.push(j);
    else await deliverBatch(db, j, 0, j.direct).catch(() => queued.push(j));
  }
  if (queued.length) await notifyJobs(db).insertMany(queued);
}

/**
 * Sends the notices a schedule batch collected (PluginContext.notices) at the end of the batch,
 * grouped: notices to roles go to the worker in one insert; the others reach their people with
 * one settings read per plugin and one inbox write per person, however many of the batch's
 * records told her. A group that cannot be delivered becomes jobs for the worker.
 */
export async function sendCollected(db: mongo.Db, list: NotifyJob[]): Promise<void> {
  const queued = list.filter((j) => j.roles.length > 0);
  const byPlugin = new Map<string, NotifyJob[]>();
  for (const j of list) {
    if (j.roles.length) continue;
    const key = `${j.communityId}|${j.pluginId}`;
    byPlugin.set(key, [...(byPlugin.get(key) ?? []), j]);
  }
  for (const group of byPlugin.values())
    await deliverGrouped(db, group).catch(() => queued.push(...group));
  if (queued.length) await notifyJobs(db).insertMany(queued);
}

/** Notices of one plugin in one community, each to the people it names directly. */
async function deliverGrouped(db: mongo.Db, group: NotifyJob[]): Promise<void> {
  const { communityId, pluginId } = group[0]!;
  const people = [...new Set(group.flatMap((j) => j.direct))];
  const reach = await reachOf(db, communityId, pluginId, people);
  const byChannel = Object.fromEntries(
    CHANNEL_LIST.map((c) => [c.id, new Set(reach[c.id])] as const),
  );
  for (const channel of CHANNEL_LIST) {
    const batches = group.map((job) => ({
      job,
      step: 0,
      recipients: job.direct.filter((id) => byChannel[channel.id]!.has(id)),
    }));
    await channel.deliver(db, batches);
  }
}

async function deliverBatch(
  db: mongo.Db,
  job: NotifyJob,
  step: number,
  ids: string[],
): Promise<void> {
  if (!ids.length) return;
  const reach = await reachOf(db, job.communityId, job.pluginId, ids);
  for (const channel of CHANNEL_LIST)
    await channel.deliver(db, [{ job, step, recipients: reach[channel.id] }]);
}

type Claim = 'mine' | 'done' | 'busy';

/**
 * Claims one step of a job by a unique insert; a step whose holder's lease ran out (the process
 * died) is taken over. Two workers can therefore not run the same step at once, and a step is
 * never lost.
 */
async function claimStep(db: mongo.Db, id: string, now: Date, leaseMs: number): Promise<Claim> {
  const until = new Date(now.getTime() + leaseMs);
  for (let round = 0; round < 2; round++) {
    try {
      await notifySteps(db).insertOne({ _id: id, until, done: false });
      return 'mine';
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const held = await notifySteps(db).findOne({ _id: id });
    if (!held) continue;
    if (held.done) return 'done';
    if (held.until > now) return 'busy';
    const gone = await notifySteps(db).deleteOne({ _id: id, until: held.until, done: false });
    if (gone.deletedCount !== 1) return 'busy';
  }
  return 'busy';
}

const finishStep = (db: mongo.Db, id: string) =>
  notifySteps(db).updateOne({ _id: id }, { $set: { done: true } });

/** Everyone a job reaches: its direct targets and every holder of its roles, once each. */
async function resolve(deps: DataPlaneDeps, job: NotifyJob): Promise<string[]> {
  const all = new Set(job.direct);
  let after: string | undefined;
  while (job.roles.length) {
    const page = await deps.members.accountsWithRoles(job.communityId, job.roles, {
      after,
      limit: 2000,
    });
    for (const id of page) all.add(id);
    if (page.length < 2000) break;
    after = page[page.length - 1];
  }
  return [...all];
}

/**
 * Runs what it can of one job within `budget` batches: resolves its recipients (once), then the
 * batches not yet done. Returns the batches it ran (the rest of the budget is the caller's).
 * Safe to run in several processes at once.
 */
export async function runJob(
  deps: DataPlaneDeps,
  job: NotifyJob,
  policy: QueuePolicy,
  now: Date,
  budget: number,
): Promise<number> {
  const db = deps.connection.db!;
  const taken = await notifyJobs(db).updateOne(
    { _id: job._id },
    { $set: { state: 'running', leaseUntil: new Date(now.getTime() + policy.leaseMs) } },
  );
  // Another process finished it since this round listed it.
  if (taken.matchedCount === 0) return 0;
  let ids: string[] | undefined;
  if (job.steps === undefined) {
    const claim = await claimStep(db, `${job._id}#r`, now, policy.leaseMs);
    if (claim === 'busy') return 0;
    if (claim === 'mine') {
      ids = await resolve(deps, job);
      await recipientsOf(db).updateOne({ _id: job._id }, { $set: { ids } }, { upsert: true });
      job.total = ids.length;
      job.steps = Math.max(1, Math.ceil(ids.length / policy.batchSize));
      await notifyJobs(db).updateOne(
        { _id: job._id },
        { $set: { total: job.total, steps: job.steps } },
      );
      await finishStep(db, `${job._id}#r`);
    } else {
      const fresh = await notifyJobs(db).findOne({ _id: job._id });
      if (fresh?.steps === undefined) return 0;
      Object.assign(job, { total: fresh.total, steps: fresh.steps });
    }
  }
  ids ??= (await recipientsOf(db).findOne({ _id: job._id }))?.ids ?? [];
  let complete = true;
  let ran = 0;
  for (let k = 0; k < job.steps!; k++) {
    if (ran >= budget) {
      // Out of budget for this round: back in the queue, for this or another process.
      await notifyJobs(db).updateOne({ _id: job._id }, { $set: { state: 'queued' } });
      return ran;
    }
    const claim = await claimStep(db, `${job._id}#${k}`, now, policy.leaseMs);
    if (claim === 'done') continue;
    if (claim === 'busy') {
      complete = false;
      continue;
    }
    await deliverBatch(db, job, k, ids.slice(k * policy.batchSize, (k + 1) * policy.batchSize));
    await finishStep(db, `${job._id}#${k}`);
    ran++;
  }
  if (complete) await forget(db, job);
  return Math.max(ran, 1);
}

/**
 * A finished job leaves the queue with its steps and recipients, so the queue the worker reads
 * each round (a scan on the local database) holds only work still to do. The job goes first, so
 * no process starts it again; a crash right after leaves a few claim documents behind. Should a
 * process that listed the job earlier still run it, channels deliver nothing twice (they are
 * keyed by job, batch and person).
 */
async function forget(db: mongo.Db, job: NotifyJob): Promise<void> {
  // Before the job goes: a sweep that finds neither would queue it again (carried.ts).
  if (job.carried) await markDone(db, job._id);
  await notifyJobs(db).deleteOne({ _id: job._id });
  const stepIds = [
    `${job._id}#r`,
    ...Array.from({ length: job.steps ?? 0 }, (_, k) => `${job._id}#${k}`),
  ];
  await notifySteps(db).deleteMany({ _id: { $in: stepIds } });
  await recipientsOf(db).deleteOne({ _id: job._id });
}

/** Jobs waiting for a worker: queued, or running under a lease that ran out. */
export async function pendingJobs(db: mongo.Db, now: Date, limit: number): Promise<NotifyJob[]> {
  return notifyJobs(db)
    .find(
      { $or: [{ state: 'queued' }, { state: 'running', leaseUntil: { $lt: now } }] },
      { sort: { createdAt: 1 }, limit },
    )
    .toArray();
}

import type { mongo } from 'mongoose';
import { duplicateKeyIndexes } from '../../db/errors';
import type { DataPlaneDeps } from '../records/types';
import { markAllDone } from './carried';
import { CHANNEL_LIST, type ChannelBatch } from './channels';
import { reachOf } from './preferences';
import { notifyJobs, notifySteps, type NotifyJob, type QueuePolicy } from './queue';

/**
 * Small jobs in batches (issue 18). Most notices reach a few people: the report's notice to the
 * resident who reported, its notice to the staff. Run one by one (runJob), each costs about ten
 * sequential commands, and under a busy soak the queue fell thousands behind. A round's small
 * jobs therefore go together: one insert claims all of them, one delivery per channel reaches
 * their people (one inbox write for everyone the batch tells), and two deletes finish
 * them (the jobs, then their claims).
 *
 * The guarantees are runJob's, by the same means. A job is claimed by inserting its resolve
 * claim and its only step's claim (`<id>#r`, `<id>#0`, the ids runJob claims): a unique insert,
 * so two processes never hold one job, and runJob, finding either held, leaves the job alone.
 * A job whose claims this round did not both win is released and handed to runJob, which
 * takes over claims whose lease ran out: a process that died mid batch (its jobs still queued,
 * its claims left) has its jobs run by the next one once the lease passes. Delivering again
 * after a crash tells nobody twice: channels key what they write by job, batch and person.
 *
 * Small: not started by runJob, and at most one batch of people (`policy.batchSize`) with its
 * direct recipients and its role's holders, who are read once per community and roles a round.
 */

/** A small job with everyone it reaches. */
export interface SmallJob {
  job: NotifyJob;
  recipients: string[];
}

const claimIds = (job: NotifyJob) => [`${job._id}#r`, `${job._id}#0`];

/**
 * Splits a round's jobs: the small ones with their recipients, and the others (for runJob).
 * Reads the holders of each community's roles once, and no more than a batch of them.
 */
export async function smallJobs(
  deps: DataPlaneDeps,
  list: NotifyJob[],
  policy: QueuePolicy,
): Promise<{ small: SmallJob[]; others: NotifyJob[] }> {
  const holders = new Map<string, Promise<string[]>>();
  const small: SmallJob[] = [];
  const others: NotifyJob[] = [];
  for (const job of list) {
    // Started by runJob (resolved, or taken under a lease): it finishes what it began.
    if (job.steps !== undefined || job.state !== 'queued' || job.direct.length > policy.batchSize) {
      others.push(job);
      continue;
    }
    let roleHolders: string[] = [];
    if (job.roles.length) {
      const key = `${job.communityId}|${[...job.roles].sort().join(',')}`;
      let page = holders.get(key);
      if (!page) {
        page = deps.members.accountsWithRoles(job.communityId, job.roles, {
          limit: policy.batchSize + 1,
        });
        holders.set(key, page);
      }
      roleHolders = await page;
    }
    const recipients = [...new Set([...job.direct, ...roleHolders])];
    if (roleHolders.length > policy.batchSize || recipients.length > policy.batchSize)
      others.push(job);
    else small.push({ job, recipients });
  }
  return { small, others };
}

/**
 * Claims small jobs with one insert. Returns those this process holds, and those it does not
 * (another holds one of their claims, maybe a process that died): for runJob, after what this
 * insert won of them is released.
 */
export async function claimSmallJobs(
  db: mongo.Db,
  list: SmallJob[],
  now: Date,
  policy: QueuePolicy,
): Promise<{ mine: SmallJob[]; lost: NotifyJob[] }> {
  if (!list.length) return { mine: [], lost: [] };
  const until = new Date(now.getTime() + policy.leaseMs);
  const docs = list.flatMap(({ job }) => claimIds(job).map((_id) => ({ _id, until, done: false })));
  let refused: number[] = [];
  try {
    await notifySteps(db).insertMany(docs, { ordered: false });
  } catch (err) {
    const dup = duplicateKeyIndexes(err);
    if (!dup) throw err;
    refused = dup;
  }
  if (!refused.length) return { mine: list, lost: [] };
  // Claims come two per job, in order: the job is index / 2.
  const contested = new Set(refused.map((i) => Math.floor(i / 2)));
  const mine = list.filter((_, k) => !contested.has(k));
  const lost = list.filter((_, k) => contested.has(k)).map((s) => s.job);
  // What this insert won of a contested job, released (guarded by its lease: only this claim).
  const won = [...contested].flatMap((k) =>
    claimIds(list[k]!.job).filter((_, half) => !refused.includes(2 * k + half)),
  );
  if (won.length)
    await notifySteps(db).bulkWrite(
      won.map((_id) => ({ deleteOne: { filter: { _id, until, done: false } } })),
      { ordered: false },
    );
  return { mine, lost };
}

/**
 * Reaches everyone the claimed jobs name: per chunk of at most `batchSize` people, one read of
 * their settings per plugin, then one delivery per channel for all the chunk's jobs. Safe to
 * repeat (a crash before the jobs were finished).
 */
export async function deliverSmallJobs(
  db: mongo.Db,
  list: SmallJob[],
  policy: QueuePolicy,
): Promise<number> {
  let chunks = 0;
  for (const chunk of chunked(list, policy.batchSize)) {
    const byPlugin = new Map<string, SmallJob[]>();
    for (const s of chunk) {
      const key = `${s.job.communityId}|${s.job.pluginId}`;
      byPlugin.set(key, [...(byPlugin.get(key) ?? []), s]);
    }
    const batches = new Map<string, ChannelBatch[]>(CHANNEL_LIST.map((c) => [c.id, []]));
    for (const group of byPlugin.values()) {
      const { communityId, pluginId } = group[0]!.job;
      const people = [...new Set(group.flatMap((s) => s.recipients))];
      const reach = people.length ? await reachOf(db, communityId, pluginId, people) : null;
      for (const channel of CHANNEL_LIST) {
        const takes = new Set(reach?.[channel.id] ?? []);
        for (const { job, recipients } of group)
          batches.get(channel.id)!.push({
            job,
            step: 0,
            recipients: recipients.filter((id) => takes.has(id)),
          });
      }
    }
    for (const channel of CHANNEL_LIST) await channel.deliver(db, batches.get(channel.id)!);
    chunks++;
  }
  return chunks;
}

/** Chunks of jobs holding at most `size` recipients together (a bigger job alone). */
export function chunked(list: SmallJob[], size: number): SmallJob[][] {
  const out: SmallJob[][] = [];
  let open: SmallJob[] = [];
  let people = 0;
  for (const s of list) {
    if (open.length && people + s.recipients.length > size) {
      out.push(open);
      open = [];
      people = 0;
    }
    open.push(s);
    people += s.recipients.length;
  }
  if (open.length) out.push(open);
  return out;
}

/**
 * Finishes delivered jobs: marks the carried ones done (carried.ts: before they go, or a sweep
 * would queue them again), deletes the jobs, then their claims — the order runJob's forget
 * keeps, so no process starts them again; a crash between the two leaves claims only.
 */
export async function finishSmallJobs(db: mongo.Db, list: NotifyJob[]): Promise<void> {
  if (!list.length) return;
  await markAllDone(
    db,
    list.filter((j) => j.carried).map((j) => j._id),
  );
  // One `$in` delete each. A statement per `_id` would be narrowed by the local database's index,
  // but it answers them one by one (the soak: 20 of them took 360–410 ms under load); `$in`
  // decodes the collection once, and these two hold only the queue and its claims — the round's
  // list has just decoded the first. On MongoDB both are `_id` index lookups.
  await notifyJobs(db).deleteMany({ _id: { $in: list.map((j) => j._id) } });
  await notifySteps(db).deleteMany({ _id: { $in: list.flatMap(claimIds) } });
}

/**
 * Runs a round's small jobs: claim, deliver, finish. Returns the delivery chunks it ran and the
 * jobs it did not take (for runJob).
 */
export async function runSmallJobs(
  deps: DataPlaneDeps,
  list: SmallJob[],
  policy: QueuePolicy,
  now: Date,
): Promise<{ chunks: number; lost: NotifyJob[] }> {
  const db = deps.connection.db!;
  const { mine, lost } = await claimSmallJobs(db, list, now, policy);
  const chunks = await deliverSmallJobs(db, mine, policy);
  await finishSmallJobs(
    db,
    mine.map((s) => s.job),
  );
  return { chunks, lost: await unheld(db, lost, now) };
}

/**
 * Of the jobs a round could not claim, those runJob must see: a claim missing (released, or
 * the job finished meanwhile), finished (runJob resolved it) or past its lease (a process that
 * died). Jobs another process's batch holds under a live lease are left to it: a second worker
 * racing for the same jobs spends one read on them, not runJob's three commands each.
 */
async function unheld(db: mongo.Db, lost: NotifyJob[], now: Date): Promise<NotifyJob[]> {
  if (!lost.length) return lost;
  const claims = await notifySteps(db)
    .find({ _id: { $in: lost.flatMap(claimIds) } })
    .toArray();
  const live = new Set(claims.filter((c) => !c.done && c.until > now).map((c) => c._id));
  return lost.filter((j) => !claimIds(j).every((id) => live.has(id)));
}

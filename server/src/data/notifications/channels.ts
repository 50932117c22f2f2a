import { createHash } from 'node:crypto';
import type { mongo } from 'mongoose';
import type { ChannelId } from './preferences';
import type { NotifyJob } from './queue';
import { appendToInboxes } from './inbox';
import { activeWebhook, queueDelivery } from './webhook';

/** One batch of one notice for one channel: who, and which batch of the job it is. */
export interface ChannelBatch {
  job: NotifyJob;
  /** The batch number within the job; with the job id it names the batch for good. */
  step: number;
  recipients: string[];
}

/**
 * A way a notice reaches people: one batch of a job (the worker), or one batch of each of
 * several jobs (a schedule's batch of records). `deliver` must be safe to repeat for the same
 * batches (a step may run again after a crash or a lost race): whatever it writes is keyed by
 * job, batch and person.
 */
export interface NotificationChannel {
  readonly id: ChannelId;
  deliver(db: mongo.Db, batches: readonly ChannelBatch[]): Promise<void>;
}

/**
 * An inbox message id for (job, person): the job's ObjectId (time-ordered, so the inbox still
 * sorts newest first by `_id`) and 16 hex of the person, the same on every retry.
 */
export function messageId(jobId: string, accountId: string): string {
  return jobId + createHash('sha256').update(accountId).digest('hex').slice(0, 16);
}

/**
 * The in-app inbox: one message per job and person, appended in one bulk write with one update
 * per person, however many of the jobs reach her.
 */
export const inboxChannel: NotificationChannel = {
  id: 'inbox',
  async deliver(db, batches) {
    const messages = batches.flatMap(({ job, recipients }) =>
      recipients.map((accountId) => ({
        accountId,
        entry: {
          id: messageId(job._id, accountId),
          communityId: job.communityId,
          pluginId: job.pluginId,
          recordId: job.recordId,
          view: job.view,
          title: job.title,
          body: job.body,
          read: false,
          createdAt: job.createdAt,
        },
      })),
    );
    if (messages.length) await appendToInboxes(db, messages);
  },
};

/**
 * The community's webhook, when its operator switched one on: the batch becomes one signed
 * delivery (sent, retried and logged by the worker), naming the recipients by account id for
 * the gateway to map to phone numbers or WeChat ids it holds.
 */
export const webhookChannel: NotificationChannel = {
  id: 'webhook',
  async deliver(db, batches) {
    for (const batch of batches) await deliverToWebhook(db, batch);
  },
};

async function deliverToWebhook(
  db: mongo.Db,
  { job, step, recipients }: ChannelBatch,
): Promise<void> {
  if (!recipients.length || !(await activeWebhook(db, job.communityId))) return;
  const id = `${job._id}-${step}`;
  await queueDelivery(db, {
    _id: id,
    communityId: job.communityId,
    pluginId: job.pluginId,
    title: job.title,
    recipients: recipients.length,
    payload: JSON.stringify({
      id,
      communityId: job.communityId,
      pluginId: job.pluginId,
      recordId: job.recordId,
      view: job.view,
      title: job.title,
      body: job.body,
      recipients,
      createdAt: job.createdAt.toISOString(),
    }),
    createdAt: new Date(),
  });
}

export const CHANNEL_LIST: readonly NotificationChannel[] = [inboxChannel, webhookChannel];

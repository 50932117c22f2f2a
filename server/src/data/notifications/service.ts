import type { LocalizedText, Notify } from '@scene/schema';
import type { mongo } from 'mongoose';
import { badRequest } from '../../http/errors';
import type { PluginContext } from '../records/context';
import { NOTIFICATIONS } from '../records/names';
import { evaluateFilter } from '../records/filter';
import { hasScope } from '../records/roles';
import { enqueueNotices } from './queue';

/** One inbox message. Titles and bodies come from the manifest, never from user input. */
export interface InboxMessage {
  _id: string;
  accountId: string;
  communityId: string;
  pluginId: string;
  recordId: string | null;
  view: string | null;
  title: LocalizedText;
  body: LocalizedText | null;
  read: boolean;
  createdAt: Date;
}

const inbox = (db: mongo.Db) => db.collection<InboxMessage>(NOTIFICATIONS);

/**
 * Sends what an action, a transition or a waitlist declares in `notify`: one queued job per
 * notice (see queue.ts), people named directly reached at once, role holders by the worker.
 * A notice with `when` goes out only if its condition holds on the record as written. Plugins
 * without the `notify:send` permission send nothing. Failures here never undo the write that
 * caused them.
 */
export async function deliver(
  ctx: PluginContext,
  notifies: Notify[] | undefined,
  record: Record<string, unknown>,
): Promise<number> {
  if (!notifies?.length || !hasScope(ctx.manifest, 'notify:send')) return 0;
  const due = notifies.filter((n) => evaluateFilter(n.when, record, ctx.vars));
  return due.length ? enqueueNotices(ctx, due, record) : 0;
}

export interface InboxPage {
  items: Array<Omit<InboxMessage, '_id' | 'accountId'> & { id: string }>;
  unread: number;
  nextCursor: string | null;
}

/** Message ids: the job's id (time-ordered) and 16 hex of the recipient; older ones are 24 hex. */
export const MESSAGE_ID = '^[0-9a-f]{24}(?:[0-9a-f]{16})?$';

function checkId(id: unknown): string {
  if (typeof id !== 'string' || !new RegExp(MESSAGE_ID).test(id))
    throw badRequest('Not a message id.');
  return id;
}

/** A user's inbox, newest first (ids are time-ordered), with the unread count. */
export async function listInbox(
  db: mongo.Db,
  accountId: string,
  q: { cursor?: string; limit?: number; unreadOnly?: boolean; communityId?: string },
): Promise<InboxPage> {
  const limit = Math.min(Math.max(Number(q.limit ?? 20) || 20, 1), 100);
  const filter: mongo.Filter<InboxMessage> = { accountId };
  if (q.communityId) filter.communityId = q.communityId;
  if (q.unreadOnly) filter.read = false;
  if (q.cursor !== undefined) filter._id = { $lt: checkId(q.cursor) };
  const rows = await inbox(db)
    .find(filter, { sort: { _id: -1 }, limit: limit + 1 })
    .toArray();
  const items = rows
    .slice(0, limit)
    .map(({ _id, accountId: _a, ...rest }) => ({ id: _id, ...rest }));
  return {
    items,
    unread: await unreadCount(db, accountId, q.communityId),
    nextCursor: rows.length > limit ? items[items.length - 1]!.id : null,
  };
}

export async function unreadCount(
  db: mongo.Db,
  accountId: string,
  communityId?: string,
): Promise<number> {
  return inbox(db).countDocuments({
    accountId,
    read: false,
    ...(communityId ? { communityId } : {}),
  });
}

/** Marks the given messages (or all) read; only the owner's messages are touched. */
export async function markRead(
  db: mongo.Db,
  accountId: string,
  ids: string[] | 'all',
): Promise<number> {
  const filter: mongo.Filter<InboxMessage> = { accountId, read: false };
  if (ids !== 'all') {
    if (ids.length > 200) throw badRequest('Mark at most 200 messages at once.');
    filter._id = { $in: ids.map(checkId) };
  }
  const r = await inbox(db).updateMany(filter, { $set: { read: true } });
  return r.modifiedCount;
}

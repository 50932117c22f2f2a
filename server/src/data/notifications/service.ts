import {
  membershipRolesHolding,
  type LocalizedText,
  type Notify,
  type RoleRef,
} from '@scene/schema';
import { Types, type mongo } from 'mongoose';
import { badRequest } from '../../http/errors';
import type { PluginContext } from '../records/context';
import { NOTIFICATIONS } from '../records/names';
import { hasScope } from '../records/roles';

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

const MAX_RECIPIENTS = 500;

async function recipients(
  ctx: PluginContext,
  n: Notify,
  record: Record<string, unknown>,
): Promise<string[]> {
  const to = n.to as Record<string, unknown>;
  if (to.actor === true) return ctx.caller ? [ctx.caller.accountId] : [];
  if (to.owner === true) return typeof record.createdBy === 'string' ? [record.createdBy] : [];
  if (typeof to.field === 'string') {
    const v = record[to.field];
    if (typeof v === 'string') return [v];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  }
  if (typeof to.role === 'string') {
    const roles = membershipRolesHolding(ctx.manifest, to.role as RoleRef);
    return ctx.deps.members.accountsWithRoles(ctx.communityId, roles);
  }
  return [];
}

/**
 * Delivers what an action or transition declares in `notify`. Plugins without the `notify:send`
 * permission send nothing. Failures here never undo the write that caused them.
 */
export async function deliver(
  ctx: PluginContext,
  notifies: Notify[] | undefined,
  record: Record<string, unknown>,
) {
  if (!notifies?.length || !hasScope(ctx.manifest, 'notify:send')) return 0;
  const docs: InboxMessage[] = [];
  for (const n of notifies) {
    const ids = [...new Set(await recipients(ctx, n, record))].slice(0, MAX_RECIPIENTS);
    for (const accountId of ids) {
      docs.push({
        _id: new Types.ObjectId().toHexString(),
        accountId,
        communityId: ctx.communityId,
        pluginId: ctx.plugin.pluginId,
        recordId: typeof record._id === 'string' ? record._id : null,
        view: n.view ?? null,
        title: n.title,
        body: n.body ?? null,
        read: false,
        createdAt: ctx.now,
      });
    }
  }
  if (docs.length) await inbox(ctx.db).insertMany(docs, { ordered: false });
  return docs.length;
}

export interface InboxPage {
  items: Array<Omit<InboxMessage, '_id' | 'accountId'> & { id: string }>;
  unread: number;
  nextCursor: string | null;
}

function checkId(id: unknown): string {
  if (typeof id !== 'string' || !/^[0-9a-f]{24}$/.test(id)) throw badRequest('Not a message id.');
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

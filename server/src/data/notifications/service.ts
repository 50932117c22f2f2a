import type { Notify } from '@scene/schema';
import type { mongo } from 'mongoose';
import { badRequest } from '../../http/errors';
import type { PluginContext } from '../records/context';
import { evaluateFilter } from '../records/filter';
import { hasScope } from '../records/roles';
import {
  markInboxRead,
  readInboxView,
  withWords,
  type InboxEntry,
  type StoredEntry,
} from './inbox';
import { enqueueNotices } from './queue';

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
  const due = dueNotices(ctx, notifies, record);
  return due.length ? enqueueNotices(ctx, due, record) : 0;
}

/** The notices of `notifies` whose `when` holds for `record`; none without `notify:send`. */
export function dueNotices(
  ctx: PluginContext,
  notifies: Notify[] | undefined,
  record: Record<string, unknown>,
): Notify[] {
  if (!notifies?.length || !hasScope(ctx.manifest, 'notify:send')) return [];
  return notifies.filter((n) => evaluateFilter(n.when, record, ctx.vars));
}

export interface InboxPage {
  items: InboxEntry[];
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

/**
 * A user's inbox, newest first (ids are time-ordered), with the unread count. It holds the
 * newest INBOX_KEEP messages. A first page (or a page after a cursor among the newest) is one
 * read of the person's small inbox head by `_id`; a page the head cannot fill reads her archive
 * too, with the same answer.
 */
export async function listInbox(
  db: mongo.Db,
  accountId: string,
  q: { cursor?: string; limit?: number; unreadOnly?: boolean; communityId?: string },
): Promise<InboxPage> {
  const limit = Math.min(Math.max(Number(q.limit ?? 20) || 20, 1), 100);
  const cursor = q.cursor === undefined ? undefined : checkId(q.cursor);
  const rowsOf = (entries: StoredEntry[]) =>
    entries.filter(
      (e) =>
        (!q.communityId || e.communityId === q.communityId) &&
        (!q.unreadOnly || !e.read) &&
        (cursor === undefined || e.id < cursor),
    );
  // From the head alone when it holds a row past the page: every head message is newer than
  // every archived one, so the page and whether another follows are what the whole inbox says.
  const inbox = await readInboxView(db, accountId, (head) => rowsOf(head).length > limit);
  const rows = rowsOf(inbox.entries);
  const items = rows.slice(0, limit);
  return {
    items: await withWords(db, items),
    unread: inbox.unread(q.communityId),
    nextCursor: rows.length > limit ? items[items.length - 1]!.id : null,
  };
}

export async function unreadCount(
  db: mongo.Db,
  accountId: string,
  communityId?: string,
): Promise<number> {
  return (await readInboxView(db, accountId, () => true)).unread(communityId);
}

/** Marks the given messages (or all) read; only the owner's inbox is touched. */
export async function markRead(
  db: mongo.Db,
  accountId: string,
  ids: string[] | 'all',
): Promise<{ marked: number; unread: number }> {
  if (ids !== 'all' && ids.length > 200) throw badRequest('Mark at most 200 messages at once.');
  return markInboxRead(db, accountId, ids === 'all' ? 'all' : new Set(ids.map(checkId)));
}

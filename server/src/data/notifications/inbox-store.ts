import { randomBytes } from 'node:crypto';
import type { mongo } from 'mongoose';
import { isDuplicateKey } from '../../db/errors';
import { INBOX_HEADS, INBOXES } from '../records/names';
import type { NoticeWords } from './inbox-words';
import { oneWriterPerHead } from './head-writes';
import { pack, unpack, type DiskEntry } from './inbox-packing';

/** How many messages a person's inbox keeps: the newest; older ones fall off. */
export const INBOX_KEEP = 100;

/** What a message carries besides its words. */
interface MessageMeta {
  /** The notice's job id (time-ordered) and 16 hex of the person: the same on every retry. */
  id: string;
  communityId: string;
  pluginId: string;
  recordId: string | null;
  view: string | null;
  read: boolean;
  createdAt: Date;
}

/** One message as a reader gets it. Titles and bodies come from the manifest, never from input. */
export interface InboxEntry extends MessageMeta, NoticeWords {}

/**
 * One message as an inbox stores it: the key of its words (inbox-words.ts), or, stored before
 * the words were kept apart, the words themselves.
 */
export interface StoredEntry extends MessageMeta {
  words?: string;
  title?: NoticeWords['title'];
  body?: NoticeWords['body'];
}

/**
 * A person's archive: one document keyed by the account id holding her older messages (all of
 * them before the head existed). The unread count is derived from the entries, never kept as a
 * counter: FerretDB applies an update as an unisolated read-modify-write, so a counter drifts
 * under concurrent writes.
 */
export interface InboxDoc {
  _id: string;
  /** Oldest first; readers order by id. */
  entries: StoredEntry[];
  /** Changed by every write: the guard of a rewrite (mark read, spill). */
  rev: string;
}

/**
 * A person's inbox head (issue 18): her newest messages, small enough that the reads of every
 * page (the bell's count, the first page) decode a few KB by `_id` instead of the archive (83 KB
 * per person after a 4-minute soak). New messages are pushed here only; past HEAD_KEEP +
 * HEAD_SLACK the oldest spill into the archive in one write.
 *
 * Sealed (`floor` set): every archived message is at or below `floor` ('' for no archive), every
 * head entry above it, and `olderUnread` describes the archive's unread messages. A head that is
 * not sealed — just created by a push, mid-spill, or holding a late message at or below `floor`
 * (a job enqueued before one already spilled) — is read together with the archive.
 */
export interface InboxHead {
  _id: string;
  /** Oldest first, as `$push` appends; may hold a message twice (retries), readers merge. */
  entries: StoredEntry[];
  rev: string;
  floor?: string;
  /**
   * Per community, the rank (0 = newest) within the archive of each unread archived message.
   * Ranks, not counts: of the archive only the newest INBOX_KEEP minus the head's messages are
   * in view, and that window narrows with each push to the head without the archive changing.
   */
  olderUnread?: Array<{ communityId: string; ranks: number[] }>;
}

/** A head or archive as stored: its entries packed (inbox-packing.ts); read with findHead / findArchive. */
export type OnDisk<D extends { entries: StoredEntry[] }> = Omit<D, 'entries'> & {
  entries: DiskEntry[];
};

export const inboxes = (db: mongo.Db) => db.collection<OnDisk<InboxDoc>>(INBOXES);
export const inboxHeads = (db: mongo.Db) => db.collection<OnDisk<InboxHead>>(INBOX_HEADS);

const unpacked = <D extends { entries: StoredEntry[] }>(doc: OnDisk<D> | null): D | null =>
  doc && ({ ...doc, entries: unpack(doc.entries) } as D);

/** A person's head, its entries unpacked. */
export const findHead = async (db: mongo.Db, accountId: string): Promise<InboxHead | null> =>
  unpacked<InboxHead>(await inboxHeads(db).findOne({ _id: accountId }));

/** A person's archive, its entries unpacked. */
export const findArchive = async (db: mongo.Db, accountId: string): Promise<InboxDoc | null> =>
  unpacked<InboxDoc>(await inboxes(db).findOne({ _id: accountId }));

export const newRev = () => randomBytes(8).toString('hex');

/** Messages the head keeps when it spills: more than the first page (20) asks, with one to spare. */
export const HEAD_KEEP = 24;
/** Messages the head takes beyond HEAD_KEEP before it spills: one archive write per this many. */
export const HEAD_SLACK = 16;

/** Every message once (a copy that was read counts as read), newest first. */
function byIdNewestFirst<E extends MessageMeta>(entries: readonly E[]): E[] {
  const byId = new Map<string, E>();
  for (const e of entries) {
    const seen = byId.get(e.id);
    byId.set(e.id, seen ? { ...seen, read: seen.read || e.read } : e);
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? 1 : -1));
}

/**
 * The newest INBOX_KEEP messages, newest first, one per id (a copy that was read counts as
 * read). Pure: shared by the readers and the writers.
 */
export function newestFirst<E extends MessageMeta>(entries: readonly E[]): E[] {
  return byIdNewestFirst(entries).slice(0, INBOX_KEEP);
}

export const unreadIn = (entries: readonly MessageMeta[], communityId?: string): number =>
  entries.filter((e) => !e.read && (!communityId || e.communityId === communityId)).length;

/** A head that has taken more than its slack since it last spilled. */
export const spillDue = (head: InboxHead) => head.entries.length > HEAD_KEEP + HEAD_SLACK;

/** The head's messages newest first, when it is sealed and holds nothing at or below its floor. */
export function sealedView(head: InboxHead | null): StoredEntry[] | null {
  if (!head || head.floor === undefined || !head.olderUnread) return null;
  const floor = head.floor;
  return head.entries.every((e) => e.id > floor) ? newestFirst(head.entries) : null;
}

/** Unread messages of a sealed head's archive still in view beside `inHead` head messages. */
export function olderUnreadInView(head: InboxHead, inHead: number, communityId?: string): number {
  const window = INBOX_KEEP - inHead;
  return (head.olderUnread ?? [])
    .filter((o) => !communityId || o.communityId === communityId)
    .reduce((n, o) => n + o.ranks.filter((r) => r < window).length, 0);
}

function olderUnreadOf(archive: readonly MessageMeta[]): InboxHead['olderUnread'] {
  const by = new Map<string, number[]>();
  archive.forEach((e, rank) => {
    if (!e.read) by.set(e.communityId, [...(by.get(e.communityId) ?? []), rank]);
  });
  return [...by].map(([communityId, ranks]) => ({ communityId, ranks }));
}

/**
 * Spills a head's oldest messages (beyond HEAD_KEEP, and any at or below the archive's newest)
 * into the archive and seals it. Three writes, each guarded by a `rev`: the head is unsealed
 * first, so a reader meanwhile, or after a crash halfway, reads head and archive together (a
 * message in both is shown once); the archive is rewritten with the spilled messages, keeping
 * its newest INBOX_KEEP; the head keeps the rest, sealed with the archive's unread ranks —
 * recomputed, never counted up. A write that lost to another (a push, a mark) starts again; the
 * archive holding a spilled message twice changes nothing. Gives up quietly after a few rounds:
 * the head stays unsealed and the next reader settles it. A sealed head within its bound is left
 * as it is.
 */
export const settleHead = (db: mongo.Db, accountId: string): Promise<void> =>
  oneWriterPerHead(db, [accountId], () => spill(db, accountId));

async function spill(db: mongo.Db, accountId: string): Promise<void> {
  let wroteArchive = false;
  for (let round = 0; round < 4; round++) {
    const head = await findHead(db, accountId);
    if (!head) {
      // Only erasure deletes a head. It deletes the head, then the archive; an archive this spill
      // wrote after that would keep an erased person's messages, so it goes too.
      if (wroteArchive) await inboxes(db).deleteOne({ _id: accountId });
      return;
    }
    if (sealedView(head) && !spillDue(head)) return;
    if (head.floor !== undefined) {
      const rev = newRev();
      const r = await inboxHeads(db).updateOne(
        { _id: accountId, rev: head.rev },
        { $set: { rev }, $unset: { floor: '', olderUnread: '' } },
      );
      if (r.matchedCount !== 1) continue;
      head.rev = rev;
    }
    const archive = await findArchive(db, accountId);
    const archived = archive ? newestFirst(archive.entries) : [];
    const top = archived[0]?.id ?? '';
    const fresh = byIdNewestFirst(head.entries);
    const keep = fresh.filter((e) => e.id > top).slice(0, HEAD_KEEP);
    const kept = new Set(keep.map((e) => e.id));
    const spilled = fresh.filter((e) => !kept.has(e.id));
    const older = spilled.length ? newestFirst([...archived, ...spilled]) : archived;
    if (spilled.length || (archive && archive.entries.length > older.length)) {
      const stored = { entries: pack([...older].reverse()), rev: newRev() };
      try {
        wroteArchive = true;
        if (!archive) await inboxes(db).insertOne({ _id: accountId, ...stored });
        else {
          const r = await inboxes(db).updateOne(
            { _id: accountId, rev: archive.rev },
            { $set: stored },
          );
          if (r.matchedCount !== 1) continue;
        }
      } catch (err) {
        if (isDuplicateKey(err)) continue;
        throw err;
      }
    }
    const sealed = await inboxHeads(db).updateOne(
      { _id: accountId, rev: head.rev },
      {
        $set: {
          entries: pack([...keep].reverse()),
          floor: older[0]?.id ?? '',
          olderUnread: olderUnreadOf(older),
          rev: newRev(),
        },
      },
    );
    if (sealed.matchedCount === 1) return;
  }
  if (wroteArchive && !(await inboxHeads(db).findOne({ _id: accountId })))
    await inboxes(db).deleteOne({ _id: accountId });
}

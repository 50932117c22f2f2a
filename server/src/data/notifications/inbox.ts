import type { mongo } from 'mongoose';
import { duplicateKeyIndexes } from '../../db/errors';
import { HttpError } from '../../http/errors';
import {
  findArchive,
  findHead,
  HEAD_SLACK,
  INBOX_KEEP,
  inboxes,
  inboxHeads,
  newestFirst,
  newRev,
  olderUnreadInView,
  sealedView,
  settleHead,
  spillDue,
  unreadIn,
  type InboxEntry,
  type InboxHead,
  type StoredEntry,
} from './inbox-store';
import { oneWriterPerHead } from './head-writes';
import { storeWords, wordsOf } from './inbox-words';
import { pack } from './inbox-packing';

export { unpack } from './inbox-packing';
export {
  HEAD_KEEP,
  INBOX_KEEP,
  inboxes,
  inboxHeads,
  newestFirst,
  unreadIn,
  type InboxEntry,
  type StoredEntry,
} from './inbox-store';

/** Messages for one person, appended in one write. */
interface PersonMessages {
  accountId: string;
  entries: StoredEntry[];
}

/**
 * Groups messages per person (one write each, however many messages a batch holds for her:
 * a schedule run telling one owner of 500 missed check-ins pushes once, not 500 times), keeping
 * only the newest INBOX_KEEP of a group — the older ones would fall off the inbox at once.
 */
function perPerson(messages: Array<{ accountId: string; entry: StoredEntry }>): PersonMessages[] {
  const by = new Map<string, Map<string, StoredEntry>>();
  for (const { accountId, entry } of messages) {
    const mine = by.get(accountId) ?? new Map<string, StoredEntry>();
    mine.set(entry.id, entry);
    by.set(accountId, mine);
  }
  return [...by].map(([accountId, entries]) => ({
    accountId,
    entries: [...entries.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).slice(-INBOX_KEEP),
  }));
}

/**
 * Appends messages to people's inbox heads, one write per person, and never a read: a batch
 * first inserts every person's head in one insert, which the database refuses for those who
 * have one; those are `$push`ed, one update per person in one bulk, each only if her head holds
 * none of the messages yet (a repeated batch writes nothing; a batch writes a person's messages
 * in one statement, so she holds all of them or none). Every filter names the `_id`, so the
 * local database reads no other head: a read of the batch's inboxes by `$in` decoded every
 * inbox of the platform per batch, 43 of the 48 s of a first notice to 10,000 people
 * (server/bench/notify.bench.ts, load 12-17). A message already spilled to the archive and
 * delivered again lands in the head below its floor and is merged by the next reader.
 */
export async function appendToInboxes(
  db: mongo.Db,
  messages: Array<{ accountId: string; entry: InboxEntry }>,
): Promise<void> {
  if (!messages.length) return;
  // The words go first, once, so that no message names words not stored.
  const keys = await storeWords(
    db,
    messages.map(({ entry }) => entry),
  );
  const people = perPerson(
    messages.map(({ accountId, entry: { title: _t, body: _b, ...meta } }, i) => ({
      accountId,
      entry: { ...meta, words: keys[i]! },
    })),
  );
  // One person and one message (a notice in a request): one upsert, one round trip.
  const existing = await oneWriterPerHead(
    db,
    people.map((p) => p.accountId),
    async () => {
      const held = messages.length > 1 ? await insertNew(db, people) : people;
      if (held.length) await pushEach(db, held, messages.length > 1);
      return held;
    },
  );
  await settleBusyHeads(db, existing);
}

/** Messages pushed per person since this process last looked at that person's head. */
const pushesSinceSettle = new Map<string, number>();

/**
 * A head nobody reads (a person told of 9,000 missed check-ins by one schedule run) would grow
 * without bound, and every push would rewrite all of it. Every HEAD_SLACK messages pushed to
 * one person this process reads her head and spills it if due — one small read per HEAD_SLACK
 * messages; a person told now and then is never read here. No `$slice` in the push: the local
 * database ignores it, and on MongoDB it would drop messages instead of spilling them.
 */
async function settleBusyHeads(db: mongo.Db, pushed: PersonMessages[]): Promise<void> {
  if (pushesSinceSettle.size > 10_000) pushesSinceSettle.clear();
  for (const { accountId, entries } of pushed) {
    const n = (pushesSinceSettle.get(accountId) ?? 0) + entries.length;
    if (n < HEAD_SLACK) {
      pushesSinceSettle.set(accountId, n);
      continue;
    }
    pushesSinceSettle.delete(accountId);
    await settleHead(db, accountId);
  }
}

/**
 * One `$push` per person. `held`: everyone's head exists (the batch's insert was refused), and
 * a head that already holds one of the messages is left as it is. Otherwise an upsert: two
 * writers creating the same person's head at once (two requests each telling her something
 * first) race on the insert, the loser's upsert fails with a duplicate key — the local database
 * never retries it, MongoDB not always — and is pushed again, now onto the head the winner
 * created.
 */
async function pushEach(db: mongo.Db, people: PersonMessages[], held = false): Promise<void> {
  let todo = people;
  for (let attempt = 1; ; attempt++) {
    try {
      await inboxHeads(db).bulkWrite(
        todo.map(({ accountId, entries }) => ({
          updateOne: {
            filter: held
              ? // Not `$nin`: on an array the local database matches when any element is
                // outside the list (MongoDB: when none is in it).
                { _id: accountId, $nor: [{ 'entries.id': { $in: entries.map((e) => e.id) } }] }
              : { _id: accountId },
            update: { $push: { entries: { $each: pack(entries) } }, $set: { rev: newRev() } },
            upsert: !held,
          },
        })),
        { ordered: false },
      );
      return;
    } catch (err) {
      const lost = duplicateKeyIndexes(err);
      if (attempt >= 3 || !lost) throw err;
      todo = lost.map((i) => todo[i]!);
    }
  }
}

/**
 * Inserts a head for every person, holding her messages; returns those the database refused
 * because theirs exists (to append to). A new head is not sealed: its first reader looks for
 * an archive (from before heads, or erased) and seals it.
 */
async function insertNew(db: mongo.Db, people: PersonMessages[]): Promise<PersonMessages[]> {
  try {
    await inboxHeads(db).insertMany(
      people.map(({ accountId, entries }) => ({
        _id: accountId,
        entries: pack(entries),
        rev: newRev(),
      })),
      { ordered: false },
    );
    return [];
  } catch (err) {
    const refused = duplicateKeyIndexes(err);
    if (!refused) throw err;
    return refused.map((i) => people[i]!);
  }
}

/** What a reader sees of a person's inbox: her messages newest first, and her unread counts. */
export interface InboxView {
  /**
   * All her messages, or only the head's (the newest, every one above the archive) when they
   * answer; as stored: `withWords` gives those shown their words.
   */
  entries: StoredEntry[];
  unread(communityId?: string): number;
}

/**
 * A person's inbox for a reader. One read of her head by `_id` when it is sealed and either
 * holds all she has or `enough` of it answers the question; otherwise head and archive merged
 * (and the head settled). A head past its bound is spilled on the way.
 */
export async function readInboxView(
  db: mongo.Db,
  accountId: string,
  enough: (head: StoredEntry[]) => boolean = () => false,
): Promise<InboxView> {
  const head = await findHead(db, accountId);
  const view = sealedView(head);
  if (head && view) {
    if (spillDue(head)) await settleHead(db, accountId).catch(() => undefined);
    const complete = head.floor === '' || view.length >= INBOX_KEEP;
    if (complete || enough(view))
      return {
        entries: view,
        unread: (c) => unreadIn(view, c) + olderUnreadInView(head, view.length, c),
      };
  }
  const archive = await findArchive(db, accountId);
  const entries = newestFirst([...(archive?.entries ?? []), ...(head?.entries ?? [])]);
  if (head && !view) await settleHead(db, accountId).catch(() => undefined);
  return { entries, unread: (c) => unreadIn(entries, c) };
}

/** All of a person's messages, newest first (the newest INBOX_KEEP, one per id), with their words. */
export async function readInbox(db: mongo.Db, accountId: string): Promise<InboxEntry[]> {
  return withWords(db, (await readInboxView(db, accountId)).entries);
}

/** Stored messages with their words, for showing (a page of them, an export). */
export async function withWords(db: mongo.Db, entries: StoredEntry[]): Promise<InboxEntry[]> {
  const words = await wordsOf(
    db,
    entries.flatMap((e) => (e.words ? [e.words] : [])),
  );
  return entries.map(({ words: key, title, body, ...meta }) =>
    key ? { ...meta, ...words.get(key)! } : { ...meta, title: title!, body: body ?? null },
  );
}

/**
 * Marks the given messages (or all) read; returns how many changed and the unread count after.
 * Messages in a sealed head are marked by rewriting the head alone; any in the archive (or a
 * head not sealed) take the archive path: the head is unsealed and marked, the archive marked,
 * the head sealed again with the archive's unread ranks recomputed. Holds her head against this
 * process's other writers, and tries again when another process's write came between a read
 * and its rewrite.
 */
export async function markInboxRead(
  db: mongo.Db,
  accountId: string,
  ids: ReadonlySet<string> | 'all',
): Promise<{ marked: number; unread: number }> {
  const { settle, ...done } = await oneWriterPerHead(db, [accountId], () =>
    mark(db, accountId, ids),
  );
  if (settle) await settleHead(db, accountId).catch(() => undefined);
  return done;
}

/** The marking itself, holding her head; `settle`: it unsealed the head, to be sealed again. */
async function mark(
  db: mongo.Db,
  accountId: string,
  ids: ReadonlySet<string> | 'all',
): Promise<{ marked: number; unread: number; settle?: boolean }> {
  const wanted = (e: StoredEntry) => !e.read && (ids === 'all' || ids.has(e.id));
  const changed = new Set<string>();
  for (let round = 0; round < 5; round++) {
    const head = await findHead(db, accountId);
    const view = sealedView(head);
    if (head && view && headHoldsAll(head, view, ids)) {
      const marks = view.filter(wanted);
      const after = view.map((e) => (wanted(e) ? { ...e, read: true } : e));
      const unread = unreadIn(after) + olderUnreadInView(head, view.length);
      if (!marks.length) return { marked: changed.size, unread };
      const r = await inboxHeads(db).updateOne(
        { _id: accountId, rev: head.rev },
        { $set: { entries: pack([...after].reverse()), rev: newRev() } },
      );
      if (r.matchedCount !== 1) continue;
      for (const e of marks) changed.add(e.id);
      return { marked: changed.size, unread };
    }
    const archive = await findArchive(db, accountId);
    const all = newestFirst([...(archive?.entries ?? []), ...(head?.entries ?? [])]);
    const marks = new Set(all.filter(wanted).map((e) => e.id));
    const unread = unreadIn(all) - marks.size;
    if (!marks.size) return { marked: changed.size, unread };
    const mark = (e: StoredEntry) => (marks.has(e.id) && !e.read ? { ...e, read: true } : e);
    if (head) {
      const r = await inboxHeads(db).updateOne(
        { _id: accountId, rev: head.rev },
        {
          $set: { entries: pack(head.entries.map(mark)), rev: newRev() },
          $unset: { floor: '', olderUnread: '' },
        },
      );
      if (r.matchedCount !== 1) continue;
      for (const e of head.entries) if (marks.has(e.id) && !e.read) changed.add(e.id);
    }
    if (archive?.entries.some((e) => marks.has(e.id) && !e.read)) {
      const r = await inboxes(db).updateOne(
        { _id: accountId, rev: archive.rev },
        {
          $set: { entries: pack(newestFirst(archive.entries).map(mark).reverse()), rev: newRev() },
        },
      );
      if (r.matchedCount !== 1) continue;
      for (const e of archive.entries) if (marks.has(e.id) && !e.read) changed.add(e.id);
    }
    return { marked: changed.size, unread, settle: !!head };
  }
  throw new HttpError(503, 'busy', 'Your inbox is changing right now. Please try again.');
}

/** Whether a sealed head holds every message a mark could change (the archive none of them). */
function headHoldsAll(head: InboxHead, view: StoredEntry[], ids: ReadonlySet<string> | 'all') {
  if (head.floor === '') return true;
  if (ids === 'all') return olderUnreadInView(head, view.length) === 0;
  const inHead = new Set(view.map((e) => e.id));
  return [...ids].every((id) => inHead.has(id));
}

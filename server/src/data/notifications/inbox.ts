import { randomBytes } from 'node:crypto';
import type { LocalizedText } from '@scene/schema';
import type { mongo } from 'mongoose';
import { duplicateKeyIndexes } from '../../db/errors';
import { HttpError } from '../../http/errors';
import { INBOXES } from '../records/names';

/** How many messages a person's inbox keeps: the newest; older ones fall off. */
export const INBOX_KEEP = 100;

/** One message in a person's inbox. Titles and bodies come from the manifest, never from input. */
export interface InboxEntry {
  /** The notice's job id (time-ordered) and 16 hex of the person: the same on every retry. */
  id: string;
  communityId: string;
  pluginId: string;
  recordId: string | null;
  view: string | null;
  title: LocalizedText;
  body: LocalizedText | null;
  read: boolean;
  createdAt: Date;
}

/**
 * A person's inbox: one document keyed by the account id, read by `_id` on every page (a query
 * over per-message documents was a scan of every message on the local database). The unread
 * count is derived from the entries on each read, never kept as a counter: FerretDB applies an
 * update as an unisolated read-modify-write, so a counter drifts under concurrent writes.
 */
export interface InboxDoc {
  _id: string;
  /** Oldest first, as `$push` appends; readers order by id. */
  entries: InboxEntry[];
  /** Changed by every write: the guard of a rewrite (mark read, trim). */
  rev: string;
}

export const inboxes = (db: mongo.Db) => db.collection<InboxDoc>(INBOXES);
const newRev = () => randomBytes(8).toString('hex');

/** Messages for one person, appended in one write. */
interface PersonMessages {
  accountId: string;
  entries: InboxEntry[];
}

/**
 * Groups messages per person (one write each, however many messages a batch holds for her:
 * a schedule run telling one owner of 500 missed check-ins pushes once, not 500 times), keeping
 * only the newest INBOX_KEEP of a group — the older ones would fall off the inbox at once.
 */
function perPerson(messages: Array<{ accountId: string; entry: InboxEntry }>): PersonMessages[] {
  const by = new Map<string, Map<string, InboxEntry>>();
  for (const { accountId, entry } of messages) {
    const mine = by.get(accountId) ?? new Map<string, InboxEntry>();
    mine.set(entry.id, entry);
    by.set(accountId, mine);
  }
  return [...by].map(([accountId, entries]) => ({
    accountId,
    entries: [...entries.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).slice(-INBOX_KEEP),
  }));
}

/**
 * Appends messages to people's inboxes, one write per person, and never a read: a batch first
 * inserts every person's inbox in one insert, which the database refuses for those who have
 * one; those are `$push`ed, one update per person in one bulk, each only if her inbox holds
 * none of the messages yet (a repeated batch writes nothing; a batch writes a person's messages
 * in one statement, so she holds all of them or none). Every filter names the `_id`, so
 * the local database reads no other inbox: the read of the batch's inboxes by `$in` this
 * replaced decoded every inbox of the platform per batch, 43 of the 48 s of a first notice to
 * 10,000 people (server/bench/notify.bench.ts, load 12-17). MongoDB keeps the newest
 * INBOX_KEEP by `$slice`; the local database ignores `$slice`, so what grew past the bound is
 * trimmed (see trimBusyInboxes, readInbox).
 */
export async function appendToInboxes(
  db: mongo.Db,
  messages: Array<{ accountId: string; entry: InboxEntry }>,
): Promise<void> {
  const people = perPerson(messages);
  // One person and one message (a notice in a request): one upsert, one round trip.
  const existing = messages.length > 1 ? await insertNew(db, people) : people;
  if (!existing.length) return;
  await pushEach(db, existing, messages.length > 1);
  await trimBusyInboxes(db, existing);
}

/** Messages pushed per person since this process last trimmed that person's inbox. */
const pushesSinceTrim = new Map<string, number>();

/**
 * The local database ignores `$slice`, so an inbox nobody reads (a person told of 9,000 missed
 * check-ins by one schedule run) would grow without bound and every push would rewrite all of
 * it. Every TRIM_SLACK messages pushed to one person this process trims her inbox as a reader
 * would — one read and at most one rewrite per TRIM_SLACK messages; a person told now and then
 * is never read here. On MongoDB `$slice` has kept it bounded already and the read finds nothing
 * to trim.
 */
async function trimBusyInboxes(db: mongo.Db, pushed: PersonMessages[]): Promise<void> {
  if (pushesSinceTrim.size > 10_000) pushesSinceTrim.clear();
  for (const { accountId, entries } of pushed) {
    const n = (pushesSinceTrim.get(accountId) ?? 0) + entries.length;
    if (n < TRIM_SLACK) {
      pushesSinceTrim.set(accountId, n);
      continue;
    }
    pushesSinceTrim.delete(accountId);
    await readInbox(db, accountId);
  }
}

/**
 * One `$push` per person. `held`: everyone's inbox exists (the batch's insert was refused), and
 * an inbox that already holds one of the messages is left as it is. Otherwise an upsert: two
 * writers creating the same person's inbox at once (two requests each telling her something
 * first) race on the insert, the loser's upsert fails with a duplicate key — the local database
 * never retries it, MongoDB not always — and is pushed again, now onto the inbox the winner
 * created.
 */
async function pushEach(db: mongo.Db, people: PersonMessages[], held = false): Promise<void> {
  let todo = people;
  for (let attempt = 1; ; attempt++) {
    try {
      await inboxes(db).bulkWrite(
        todo.map(({ accountId, entries }) => ({
          updateOne: {
            filter: held
              ? // Not `$nin`: on an array the local database matches when any element is
                // outside the list (MongoDB: when none is in it).
                { _id: accountId, $nor: [{ 'entries.id': { $in: entries.map((e) => e.id) } }] }
              : { _id: accountId },
            update: {
              $push: { entries: { $each: entries, $slice: -INBOX_KEEP } },
              $set: { rev: newRev() },
            },
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
 * Inserts an inbox for every person, holding her messages; returns those the database refused
 * because theirs exists (to append to).
 */
async function insertNew(db: mongo.Db, people: PersonMessages[]): Promise<PersonMessages[]> {
  try {
    await inboxes(db).insertMany(
      people.map(({ accountId, entries }) => ({ _id: accountId, entries, rev: newRev() })),
      { ordered: false },
    );
    return [];
  } catch (err) {
    const refused = duplicateKeyIndexes(err);
    if (!refused) throw err;
    return refused.map((i) => people[i]!);
  }
}

/**
 * The newest INBOX_KEEP messages, newest first, one per id (a copy that was read counts as
 * read). Pure: shared by the reader and the writers.
 */
export function newestFirst(entries: readonly InboxEntry[]): InboxEntry[] {
  const byId = new Map<string, InboxEntry>();
  for (const e of entries) {
    const seen = byId.get(e.id);
    byId.set(e.id, seen ? { ...seen, read: seen.read || e.read } : e);
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? 1 : -1)).slice(0, INBOX_KEEP);
}

/** Writes the inbox back when it holds this many entries more than it keeps. */
const TRIM_SLACK = 20;

/**
 * A person's messages, newest first. One read by `_id`; when the stored list grew past its bound
 * (the local database, or retried batches), it is written back trimmed, guarded by `rev` so a
 * message appended meanwhile is not overwritten (on MongoDB; see rewrite).
 */
export async function readInbox(db: mongo.Db, accountId: string): Promise<InboxEntry[]> {
  const doc = await inboxes(db).findOne({ _id: accountId });
  if (!doc) return [];
  const entries = newestFirst(doc.entries);
  if (doc.entries.length > INBOX_KEEP + TRIM_SLACK)
    await rewrite(db, doc, entries).catch(() => undefined);
  return entries;
}

/**
 * Replaces the stored list when nobody wrote since it was read (`rev`). The guard is atomic on
 * MongoDB; on the local database a message appended in the same instant may be lost, which is
 * the price of keeping the inbox in one document there.
 */
async function rewrite(db: mongo.Db, doc: InboxDoc, entries: InboxEntry[]): Promise<boolean> {
  const r = await inboxes(db).updateOne(
    { _id: doc._id, rev: doc.rev },
    { $set: { entries: [...entries].reverse(), rev: newRev() } },
  );
  return r.matchedCount === 1;
}

/**
 * Marks the given messages (or all) read; returns how many changed and the entries after. Tries
 * again when another write came between the read and the rewrite.
 */
export async function markInboxRead(
  db: mongo.Db,
  accountId: string,
  ids: ReadonlySet<string> | 'all',
): Promise<{ marked: number; entries: InboxEntry[] }> {
  for (let round = 0; round < 5; round++) {
    const doc = await inboxes(db).findOne({ _id: accountId });
    if (!doc) return { marked: 0, entries: [] };
    let marked = 0;
    const entries = newestFirst(doc.entries).map((e) => {
      if (e.read || (ids !== 'all' && !ids.has(e.id))) return e;
      marked++;
      return { ...e, read: true };
    });
    if (!marked) return { marked, entries };
    if (await rewrite(db, doc, entries)) return { marked, entries };
  }
  throw new HttpError(503, 'busy', 'Your inbox is changing right now. Please try again.');
}

export const unreadIn = (entries: readonly InboxEntry[], communityId?: string): number =>
  entries.filter((e) => !e.read && (!communityId || e.communityId === communityId)).length;

import type { mongo } from 'mongoose';
import { isDuplicateKey } from '../../db/errors';
import { RECORD_CHANGES, RECORD_VERSIONS } from './names';

/**
 * The change log of one community's records of one collection, so a process that keeps those
 * records in memory (queries/list-cache.ts) learns what changed with one read by `_id`.
 *
 * Every write of a record, after it succeeded, takes the next number of the key's sequence by
 * inserting the claim `<key>|<n>` (unique `_id`: atomic on FerretDB and MongoDB alike, and a
 * writer only moves past a number it saw taken, so the sequence has no holes), then notes
 * `{n, ids}` in slot `n mod RING` of the key's version document and raises its `v` to `n`.
 *
 * Why claims and not only `$inc` + `$push` on the version document: FerretDB v1 applies an update
 * as read-modify-write without isolation (DESIGN.md), so two concurrent writers can each lose the
 * other's note. A reader therefore trusts a slot only when it carries the number it expects and
 * otherwise reads that number's claim by `_id` (it exists: numbers up to `v` were all taken).
 * What a lost update can still hide is the newest change when `v` itself fell back; the list cache
 * bounds that by reloading an entry after a maximum age.
 */

/** Numbers kept in the version document; a reader further behind reloads the collection. */
export const RING = 128;
/** More ids than this in one change are noted as "reload everything" (erasure, retention). */
const MAX_IDS = 20;
/** How long a process trusts the head it last saw for a key before reading the version document. */
const HINT_MS = 60_000;

export interface ChangeKey {
  communityId: string;
  pluginId: string;
  collection: string;
}

/** One change: the records to read again, or `all` when the reader must reload the collection. */
export interface ChangeNote {
  n: number;
  ids?: string[];
  all?: boolean;
}

export interface VersionDoc {
  _id: string;
  v: number;
  /** `x<n mod RING>` → the note of change n (or of an older number the slot held before). */
  s?: Record<string, ChangeNote>;
}

interface ClaimDoc {
  _id: string;
  ids?: string[];
  all?: boolean;
  /** When it was taken; the retention job removes claims after a week. */
  at: Date;
}

export function changeKeyId(k: ChangeKey): string {
  return `${k.communityId}|${k.pluginId}|${k.collection}`;
}

const claimId = (key: string, n: number) => `${key}|${n}`;
export const slotOf = (n: number) => `x${n % RING}`;

/** The highest number this process saw taken per key, and when (where the next claim starts). */
const heads = new Map<string, { n: number; at: number }>();

/** Remembers that number `n` of `key` is taken (by a read or a write of this process). */
export function sawHead(db: mongo.Db, key: string, n: number): void {
  const slot = `${db.databaseName}|${key}`;
  const known = heads.get(slot);
  if (!known || known.n <= n) heads.set(slot, { n, at: Date.now() });
  if (heads.size > 100_000) heads.delete(heads.keys().next().value!);
}

export function versions(db: mongo.Db): mongo.Collection<VersionDoc> {
  return db.collection<VersionDoc>(RECORD_VERSIONS);
}

function claims(db: mongo.Db): mongo.Collection<ClaimDoc> {
  return db.collection<ClaimDoc>(RECORD_CHANGES);
}

async function headOf(db: mongo.Db, key: string): Promise<number> {
  return (await versions(db).findOne({ _id: key }, { projection: { v: 1 } }))?.v ?? 0;
}

interface Batch {
  ids: Set<string>;
  all: boolean;
  done: Promise<void>;
  release: () => void;
  fail: (err: unknown) => void;
}

function newBatch(): Batch {
  const batch = { ids: new Set<string>(), all: false } as Batch;
  batch.done = new Promise<void>((resolve, reject) => {
    batch.release = resolve;
    batch.fail = reject;
  });
  return batch;
}

/** Per database and key: whether this process is writing a note, and the batch gathering next. */
const flushing = new Map<string, { next?: Batch }>();

/**
 * Notes that records of `k` changed (`ids`), or that any may have (`'all'`: migrations,
 * uninstalls, bulk inserts). Called by every writer of records after its write succeeded and
 * before it answers, so any list read that starts after the answer sees the change.
 *
 * A process writes one note per key at a time; changes made meanwhile share the next note (one
 * claim and one update for all of them). Concurrent writers of one collection would otherwise
 * race for the same number: measured in the soak, ten claim inserts per write.
 */
export function noteChange(db: mongo.Db, k: ChangeKey, ids: string[] | 'all'): Promise<void> {
  const key = changeKeyId(k);
  const slot = `${db.databaseName}|${key}`;
  let state = flushing.get(slot);
  const batch = state ? (state.next ??= newBatch()) : newBatch();
  if (ids === 'all') batch.all = true;
  else for (const id of ids) batch.ids.add(id);
  if (!state) {
    state = {};
    flushing.set(slot, state);
    flush(db, key, slot, batch);
  }
  return batch.done;
}

function flush(db: mongo.Db, key: string, slot: string, batch: Batch): void {
  void writeNote(db, key, batch)
    .then(batch.release, batch.fail)
    .finally(() => {
      const state = flushing.get(slot);
      const next = state?.next;
      if (!state || !next) return void flushing.delete(slot);
      state.next = undefined;
      flush(db, key, slot, next);
    });
}

async function writeNote(db: mongo.Db, key: string, batch: Batch): Promise<void> {
  const body = batch.all || batch.ids.size > MAX_IDS ? { all: true } : { ids: [...batch.ids] };
  const known = heads.get(`${db.databaseName}|${key}`);
  let n = (known && Date.now() - known.at < HINT_MS ? known.n : await headOf(db, key)) + 1;
  for (let tries = 0; ; tries++) {
    try {
      await claims(db).insertOne({ _id: claimId(key, n), ...body, at: new Date() });
      break;
    } catch (err) {
      if (!isDuplicateKey(err) || tries > 1_000) throw err;
      // Taken: catch up with the version document once, then step past numbers others took.
      n = tries === 0 ? Math.max(n, await headOf(db, key)) + 1 : n + 1;
    }
  }
  sawHead(db, key, n);
  const update = { $max: { v: n }, $set: { [`s.${slotOf(n)}`]: { n, ...body } } };
  try {
    await versions(db).updateOne({ _id: key }, update, { upsert: true });
  } catch (err) {
    // Two first writers of a key both inserted the document: the loser updates it.
    if (!isDuplicateKey(err)) throw err;
    await versions(db).updateOne({ _id: key }, update);
  }
}

/** The note of change `n` from its claim (when a lost update left its slot without it). */
export async function claimedChange(
  db: mongo.Db,
  key: string,
  n: number,
): Promise<ChangeNote | null> {
  const claim = await claims(db).findOne({ _id: claimId(key, n) });
  return claim ? { n, ...(claim.all ? { all: true } : { ids: claim.ids ?? [] }) } : null;
}

/** Claims older than this are only history (every process has read them or reloaded since). */
export const CHANGE_CLAIM_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export async function purgeChangeClaims(db: mongo.Db, now: Date): Promise<number> {
  return (
    await claims(db).deleteMany({ at: { $lt: new Date(now.getTime() - CHANGE_CLAIM_TTL_MS) } })
  ).deletedCount;
}

import type { mongo } from 'mongoose';
import { isDuplicateKey, racedUpsert } from '../../db/errors';
import { RECORD_CHANGES, RECORD_VERSIONS } from './names';

/**
 * The change log of one community's records of one collection, so a process that keeps those
 * records in memory (queries/list-cache.ts) learns what changed with reads by `_id`.
 *
 * Every write of a record, after it succeeded, takes the next number `n` of the key's sequence by
 * inserting the claim `<key>|<n>` with the changed ids: one command. (Except most creates in a
 * numbered collection, which readers find by their record numbers: queries/number-probe.ts.) The `_id` is unique, which
 * is atomic on FerretDB and MongoDB alike (FerretDB v1 applies updates as read-modify-write
 * without isolation, so an `$inc` or a note in a shared document can be lost), and a
 * writer only takes a number after seeing the one before it taken, so the sequence has no holes.
 * A reader that has seen up to `h` reads claim `h + 1` by `_id`: a miss means nothing changed (the
 * same one read by `_id` as a version document would cost), a hit is the next change.
 *
 * Where a process without a recent number starts: the key's version document holds a hint `v`,
 * a number already taken, raised every HINT_EVERY numbers (and after a collision) instead of on
 * every write, so a create pays one command for its note. The hint lags and never runs ahead
 * (it is raised after the claim exists); a reader or writer catches up from it by reading the
 * claims after it by `_id` until one is missing. Purging old claims raises the hint past them
 * first, so no one starts below a purged number.
 */

/** The version document's hint moves every this many numbers, not on every write. */
const HINT_EVERY = 16;
/** More ids than this in one change are noted as "reload everything" (erasure, retention). */
export const MAX_IDS = 20;
/** How long a process trusts the head it last saw for a key before catching up from the hint. */
const HINT_MS = 60_000;

export interface ChangeKey {
  communityId: string;
  pluginId: string;
  collection: string;
}

/**
 * One change: the records to read again, or `all` when the reader must reload the collection;
 * `nums`, the numbers (numbering.ts) of numbered records it created or deleted, which readers
 * that find creates by their numbers follow (queries/number-probe.ts).
 */
export interface ChangeNote {
  n: number;
  ids?: string[];
  nums?: number[];
  all?: boolean;
}

export interface VersionDoc {
  _id: string;
  /** A number already taken (a hint that lags behind, never runs ahead). */
  v: number;
}

interface ClaimDoc {
  _id: string;
  ids?: string[];
  nums?: number[];
  all?: boolean;
  /** When it was taken; the retention job removes claims after a week. */
  at: Date;
}

export function changeKeyId(k: ChangeKey): string {
  return `${k.communityId}|${k.pluginId}|${k.collection}`;
}

const claimId = (key: string, n: number) => `${key}|${n}`;

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

/** Claims read at once when catching up (a hit is likely followed by more). */
const PROBE = 4;

/**
 * The changes after `from`, in order, read claim by claim by `_id` until one is missing (`PROBE`
 * at a time after the first hit); stops early past `max` changes, when the caller will reload.
 */
export async function changesAfter(
  db: mongo.Db,
  key: string,
  from: number,
  max = Infinity,
): Promise<ChangeNote[]> {
  const out: ChangeNote[] = [];
  let width = 1;
  for (;;) {
    const next = from + out.length + 1;
    const found = await Promise.all(
      Array.from({ length: width }, (_, i) => claimedChange(db, key, next + i)),
    );
    for (const note of found) {
      if (!note) return out;
      out.push(note);
    }
    if (out.length > max) return out;
    width = PROBE;
  }
}

/**
 * The newest number taken for `key`: from the hint in the version document, then by the claims
 * after it. Also remembered as this process's head.
 */
export async function headOf(db: mongo.Db, key: string): Promise<number> {
  const hint = (await versions(db).findOne({ _id: key }, { projection: { v: 1 } }))?.v ?? 0;
  const head = hint + (await changesAfter(db, key, hint)).length;
  sawHead(db, key, head);
  return head;
}

interface Batch {
  ids: Set<string>;
  nums: Set<number>;
  all: boolean;
  done: Promise<void>;
  release: () => void;
  fail: (err: unknown) => void;
}

function newBatch(): Batch {
  const batch = { ids: new Set<string>(), nums: new Set<number>(), all: false } as Batch;
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
export function noteChange(
  db: mongo.Db,
  k: ChangeKey,
  ids: string[] | 'all',
  nums: number[] = [],
): Promise<void> {
  const key = changeKeyId(k);
  const slot = `${db.databaseName}|${key}`;
  let state = flushing.get(slot);
  const batch = state ? (state.next ??= newBatch()) : newBatch();
  if (ids === 'all') batch.all = true;
  else for (const id of ids) batch.ids.add(id);
  for (const n of nums) batch.nums.add(n);
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
  const body =
    batch.all || batch.ids.size > MAX_IDS
      ? { all: true }
      : { ids: [...batch.ids], ...(batch.nums.size ? { nums: [...batch.nums] } : {}) };
  const known = heads.get(`${db.databaseName}|${key}`);
  let n = (known && Date.now() - known.at < HINT_MS ? known.n : await headOf(db, key)) + 1;
  let collided = false;
  for (let tries = 0; ; tries++) {
    try {
      await claims(db).insertOne({ _id: claimId(key, n), ...body, at: new Date() });
      break;
    } catch (err) {
      if (!isDuplicateKey(err) || tries > 1_000) throw err;
      collided = true;
      // Taken by another process: catch up with the claims once, then step past numbers taken.
      n = tries === 0 ? Math.max(n, await headOf(db, key)) + 1 : n + 1;
    }
  }
  sawHead(db, key, n);
  if (collided || n % HINT_EVERY === 0) await raiseHint(db, key, n);
}

/** Raises the key's hint to `n` (taken already); a concurrent raise may leave the lower one. */
async function raiseHint(db: mongo.Db, key: string, n: number): Promise<void> {
  await racedUpsert(() =>
    versions(db).updateOne({ _id: key }, { $max: { v: n } }, { upsert: true }),
  );
}

/** The note of change `n` from its claim (when a lost update left its slot without it). */
export async function claimedChange(
  db: mongo.Db,
  key: string,
  n: number,
): Promise<ChangeNote | null> {
  const claim = await claims(db).findOne({ _id: claimId(key, n) });
  if (!claim) return null;
  if (claim.all) return { n, all: true };
  return { n, ids: claim.ids ?? [], ...(claim.nums ? { nums: claim.nums } : {}) };
}

/** Claims older than this are only history (every process has read them or reloaded since). */
export const CHANGE_CLAIM_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Claims purged per round. */
const PURGE_BATCH = 500;

/**
 * Removes claims older than CHANGE_CLAIM_TTL_MS. Each key's hint is raised past its purged
 * numbers first (and read back, since a concurrent raise may undo it), so no reader or writer
 * starts catching up below a number whose claim is gone.
 */
export async function purgeChangeClaims(db: mongo.Db, now: Date): Promise<number> {
  const old = { at: { $lt: new Date(now.getTime() - CHANGE_CLAIM_TTL_MS) } };
  let purged = 0;
  for (;;) {
    const batch = await claims(db)
      .find(old, { projection: { _id: 1 }, limit: PURGE_BATCH })
      .toArray();
    if (!batch.length) return purged;
    const highest = new Map<string, number>();
    for (const { _id } of batch) {
      const cut = _id.lastIndexOf('|');
      const key = _id.slice(0, cut);
      highest.set(key, Math.max(highest.get(key) ?? 0, Number(_id.slice(cut + 1))));
    }
    const kept = new Set<string>();
    for (const [key, n] of highest) {
      let raised = false;
      for (let tries = 0; tries < 10 && !raised; tries++) {
        await raiseHint(db, key, n);
        raised =
          ((await versions(db).findOne({ _id: key }, { projection: { v: 1 } }))?.v ?? 0) >= n;
      }
      // Left for the next run rather than purged below a hint that would not stay raised.
      if (!raised) kept.add(key);
    }
    const ids = batch.map((c) => c._id).filter((id) => !kept.has(id.slice(0, id.lastIndexOf('|'))));
    if (!ids.length) return purged;
    purged += (await claims(db).deleteMany({ _id: { $in: ids } })).deletedCount;
  }
}

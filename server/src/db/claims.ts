import { randomInt } from 'node:crypto';
import type { mongo } from 'mongoose';
import { HttpError } from '../http/errors';
import { isDuplicateKey } from './errors';

/**
 * Why claims: FerretDB v1 (our local and test database) applies `updateOne`/`findOneAndUpdate`
 * as read-modify-write without isolation, so a conditional `$inc` is NOT atomic there (measured:
 * 20 concurrent `{remaining: {$gt: 0}} → $inc -1` on 2 places succeeded 5 times). Inserts into a
 * unique key are atomic on FerretDB and MongoDB alike, so every "at most N" or "exactly once"
 * rule (invitation uses, capacity seats, stock, per-user limits) is the insert of a claim
 * document whose `_id` names one of the N places.
 */

export { isDuplicateKey };

/**
 * A claim of one revision (a record's, a list's) this old belongs to a writer that stopped
 * between its claim and its write: only then may another writer roll its change forward. A
 * live writer is never written for: on FerretDB v1 two writes of one revision can land out of
 * order, and the late one would undo the next revision.
 */
export const STALE_CLAIM_MS = 30_000;
export const isStaleClaim = (at: Date, now = Date.now()): boolean =>
  now - at.getTime() > STALE_CLAIM_MS;

/** No group has more places than this (a bound on the loop below and on a vendor's limits). */
export const MAX_PLACES = 10_000;

export interface PlaceSpec {
  /** The field naming the group in each claim document (seats: `key`, invitation uses: `owner`). */
  groupField: string;
  group: string;
  limit: number;
  /** The claim document's unique `_id` for place `n` (1-based) of the group. */
  idOf(n: number): string;
  /** The rest of the claim document for place `n`. */
  fields(n: number): Record<string, unknown>;
  /**
   * `lowest` numbers places 1, 2, 3… as they are taken (invitation uses); `random` picks any free
   * place, so racing requests for a nearly full group rarely collide (capacity seats).
   */
  pick: 'lowest' | 'random';
  /**
   * Random places to try by insert alone before reading the group. Reading a group is a scan on
   * the local database (the group is not the `_id`), so a group that is rarely nearly full
   * (a person's photo places) is best claimed blind: a free place is found at the first insert,
   * and only a group that is nearly full is read. 0 (the default) reads first.
   */
  probe?: number;
}

/**
 * Takes one free place of a group by inserting its claim document; returns the place number, or
 * undefined when all `limit` places are taken. Each retry follows a lost race for a place that
 * someone else now holds, so the loop ends after at most `limit` rounds.
 */
export async function claimPlace(
  collection: mongo.Collection<mongo.Document>,
  spec: PlaceSpec,
): Promise<number | undefined> {
  const limit = Math.min(Math.max(0, Math.floor(spec.limit)), MAX_PLACES);
  const tried = new Set<number>();
  for (let i = 0; i < Math.min(spec.probe ?? 0, limit); i++) {
    const n = randomInt(limit) + 1;
    if (tried.has(n)) continue;
    tried.add(n);
    if (await insertPlace(collection, spec, n)) return n;
  }
  for (let round = 0; round <= limit; round++) {
    const taken = new Set(
      (
        await collection
          .find({ [spec.groupField]: spec.group }, { projection: { _id: 1 } })
          .toArray()
      ).map((d) => String(d._id)),
    );
    const free: number[] = [];
    for (let n = 1; n <= limit; n++) if (!taken.has(spec.idOf(n))) free.push(n);
    if (free.length === 0) return undefined;
    const n = spec.pick === 'lowest' ? free[0]! : free[randomInt(free.length)]!;
    if (await insertPlace(collection, spec, n)) return n;
  }
  throw new HttpError(503, 'busy', 'Too many people are doing this at once. Please try again.');
}

/**
 * Takes `count` free places of a group at once (a record weighing several units of a sum), or
 * none: when fewer than `count` are free the places already inserted are deleted again and the
 * answer is undefined. Each place is still one unique insert, so racing claims can never hold
 * more than `limit` between them; a race may refuse a claim that a moment later would have fit
 * (a rival held places it then gave back), never admit one that does not.
 */
export async function claimPlaces(
  collection: mongo.Collection<mongo.Document>,
  spec: PlaceSpec,
  count: number,
): Promise<number[] | undefined> {
  if (count <= 0) return [];
  if (count === 1) {
    const n = await claimPlace(collection, spec);
    return n === undefined ? undefined : [n];
  }
  const limit = Math.min(Math.max(0, Math.floor(spec.limit)), MAX_PLACES);
  const held: number[] = [];
  const giveBack = async () => {
    if (held.length)
      await collection.deleteMany({
        _id: { $in: held.map((n) => spec.idOf(n) as unknown as mongo.ObjectId) },
      });
  };
  for (let round = 0; round <= limit; round++) {
    const taken = new Set(
      (
        await collection
          .find({ [spec.groupField]: spec.group }, { projection: { _id: 1 } })
          .toArray()
      ).map((d) => String(d._id)),
    );
    const free: number[] = [];
    for (let n = 1; n <= limit; n++) if (!taken.has(spec.idOf(n))) free.push(n);
    if (free.length < count - held.length) {
      await giveBack();
      return undefined;
    }
    // Random order, so racing claims rarely reach for the same place.
    for (let i = free.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [free[i], free[j]] = [free[j]!, free[i]!];
    }
    for (const n of free) {
      if (held.length === count) break;
      if (!(await insertPlace(collection, spec, n))) break; // lost a race: read the group again
      held.push(n);
    }
    if (held.length === count) return held;
  }
  await giveBack();
  throw new HttpError(503, 'busy', 'Too many people are doing this at once. Please try again.');
}

/** Inserts the claim of place `n`; false when someone holds it already. */
async function insertPlace(
  collection: mongo.Collection<mongo.Document>,
  spec: PlaceSpec,
  n: number,
): Promise<boolean> {
  try {
    await collection.insertOne({
      ...spec.fields(n),
      _id: spec.idOf(n) as unknown as mongo.ObjectId,
      [spec.groupField]: spec.group,
    });
    return true;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return false;
  }
}

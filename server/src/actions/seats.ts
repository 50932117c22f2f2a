import { createHash, randomInt } from 'node:crypto';
import type { mongo } from 'mongoose';
import { SEATS } from '../records/names';

/**
 * Capacity without transactions: a limited resource with `limit` places is the set of seat
 * documents `<key>#1 … <key>#limit`, and taking a place means inserting one of them. `_id` is
 * unique, so two requests can never hold the same seat however they interleave, and at most
 * `limit` seats exist per key. Freeing a place deletes the seat. (A guarded `$inc` on a counter
 * would be simpler, but FerretDB v1 does not isolate updates; see records/revisions.ts.)
 */
export interface SeatDoc {
  _id: string;
  key: string;
  communityId: string;
  recordId: string;
  /** Which rule the seat belongs to, so a record can free one kind of place and keep another. */
  rule: string;
  createdAt: Date;
}

export const MAX_SEATS = 10_000;

export function seatKey(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 32);
}

const seats = (db: mongo.Db) => db.collection<SeatDoc>(SEATS);

/**
 * Takes one free seat of `key` for `recordId`. Returns false when all `limit` are taken. Each
 * retry follows a lost race for a seat someone else now holds, so the loop ends after at most
 * `limit` rounds.
 */
export async function takeSeat(
  db: mongo.Db,
  seat: { key: string; limit: number; communityId: string; recordId: string; rule: string },
): Promise<boolean> {
  const limit = Math.min(Math.max(0, Math.floor(seat.limit)), MAX_SEATS);
  for (let round = 0; round <= limit; round++) {
    const taken = new Set(
      (
        await seats(db)
          .find({ key: seat.key }, { projection: { _id: 1 } })
          .toArray()
      ).map((s) => s._id),
    );
    const free: number[] = [];
    for (let n = 1; n <= limit; n++) if (!taken.has(`${seat.key}#${n}`)) free.push(n);
    if (free.length === 0) return false;
    // A random free seat, so racing requests for a nearly full key rarely pick the same one.
    const n = free[randomInt(free.length)]!;
    try {
      await seats(db).insertOne({
        _id: `${seat.key}#${n}`,
        key: seat.key,
        communityId: seat.communityId,
        recordId: seat.recordId,
        rule: seat.rule,
        createdAt: new Date(),
      });
      return true;
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
    }
  }
  return false;
}

/** Frees the seats a record holds (all, or only those of some rules). Safe to repeat. */
export async function releaseSeats(
  db: mongo.Db,
  recordId: string,
  rules?: string[],
): Promise<void> {
  await seats(db).deleteMany(rules ? { recordId, rule: { $in: rules } } : { recordId });
}

export async function seatsOf(db: mongo.Db, recordId: string): Promise<SeatDoc[]> {
  return seats(db).find({ recordId }).toArray();
}

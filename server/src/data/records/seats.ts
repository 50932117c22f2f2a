import { createHash } from 'node:crypto';
import type { mongo } from 'mongoose';
import { claimPlaces } from '../../db/claims';
import { SEATS } from './names';

/**
 * Capacity without transactions: a limited resource with `limit` places is the set of seat
 * documents `<key>#1 … <key>#limit`, and taking a place means inserting one of them (a claim, see
 * db/claims.ts). Freeing a place deletes the seat.
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

export function seatKey(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 32);
}

const seats = (db: mongo.Db) => db.collection<SeatDoc>(SEATS);

/**
 * Takes `count` free seats of `key` for `recordId` (1 for a rule that counts records, the
 * record's weight in steps for a rule on a sum). Returns false when fewer are free.
 */
export async function takeSeat(
  db: mongo.Db,
  seat: { key: string; limit: number; communityId: string; recordId: string; rule: string },
  count = 1,
): Promise<boolean> {
  const places = await claimPlaces(
    db.collection(SEATS),
    {
      groupField: 'key',
      group: seat.key,
      limit: seat.limit,
      idOf: (n) => `${seat.key}#${n}`,
      fields: () => ({
        communityId: seat.communityId,
        recordId: seat.recordId,
        rule: seat.rule,
        createdAt: new Date(),
      }),
      pick: 'random',
    },
    count,
  );
  return places !== undefined;
}

/** How many seats of `key` are taken (a weighted rule's sum so far, in steps). */
export async function seatsTaken(db: mongo.Db, key: string): Promise<number> {
  return seats(db).countDocuments({ key });
}

/** Frees the seats a record holds (all, or only those of some rules). Safe to repeat. */
export async function releaseSeats(
  db: mongo.Db,
  recordId: string,
  rules?: string[],
): Promise<void> {
  await seats(db).deleteMany(rules ? { recordId, rule: { $in: rules } } : { recordId });
}

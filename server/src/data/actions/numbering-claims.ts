import { randomInt } from 'node:crypto';
import type { mongo } from 'mongoose';
import { isDuplicateKey } from '../../db/claims';
import { HttpError } from '../../http/errors';
import type { PluginContext } from '../records/context';
import { CODES } from '../records/names';

/**
 * Codes and numbers as claims (numbering.ts's `claims` way): one insert into `rec_codes` per code
 * and per number, before the record. Kept for the numberings that began this way (a community's
 * collection that had records before records carried their own numbers), whose codes the claims
 * alone know.
 */

/** A claimed code; `record` names the record it was drawn for (claims of older records lack it). */
export interface CodeClaim {
  _id: string;
  at: Date;
  record?: string;
}

export const codeKey = (ctx: PluginContext, collection: string, code: string): string =>
  `${ctx.manifest.id}|${collection}|${ctx.communityId}|${code}`;

/**
 * A 6-digit code (ticket numbers, write-off codes) unique among the collection's records in the
 * community. Like every "exactly once" rule here it is claimed by inserting its key as a unique
 * `_id`; a collision just draws another code. The claim names the record it is for, so a code
 * typed at a counter (`findBy`) leads to its record by `_id`, with no scan.
 */
export async function claimCode(
  ctx: PluginContext,
  collection: string,
  recordId?: string,
): Promise<string> {
  const codes = ctx.db.collection<CodeClaim>(CODES);
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    try {
      await codes.insertOne({
        _id: codeKey(ctx, collection, code),
        at: ctx.now,
        ...(recordId ? { record: recordId } : {}),
      });
      return code;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  throw new HttpError(503, 'busy', 'No free code could be found; please try again.');
}

/** Where the numbering of one collection in one community stands (a hint, never the truth). */
interface SequenceHint {
  _id: string;
  last: number;
}

/**
 * Where this process last left each numbering (database, plugin, collection, community), so a
 * warm create claims its number in one round trip. Bounded: past the bound the oldest is dropped
 * and read again from the stored hint when next needed.
 */
const lastTaken = new Map<string, number>();
const LAST_TAKEN_BOUND = 10_000;
/** The stored hint moves every this many numbers (and after a collision), not on every create. */
const HINT_EVERY = 10;

/**
 * The record's number in its collection and community (1, 2, 3…: "报修 #0042"). Number `n` is
 * claimed by inserting its key as a unique `_id`, so two requests never get the same one. Where
 * to start comes from this process's memory, or else from a stored hint read by `_id`; both may
 * lag behind (another process took numbers, a hint saved only every few numbers), never run
 * ahead, so a lag costs a few tries and nothing scans the claims.
 */
export async function claimSequence(ctx: PluginContext, collection: string): Promise<number> {
  const claims = ctx.db.collection<{ _id: string; at: Date }>(CODES);
  const hints = ctx.db.collection<SequenceHint>(CODES);
  const key = `${ctx.manifest.id}|${collection}|${ctx.communityId}|#`;
  const memoryKey = `${ctx.db.databaseName}|${key}`;
  let n = (lastTaken.get(memoryKey) ?? (await hints.findOne({ _id: key }))?.last ?? 0) + 1;
  let collided = false;
  for (let attempt = 0; attempt < 200; attempt++, n++) {
    try {
      await claims.insertOne({ _id: `${key}${n}`, at: ctx.now });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      collided = true;
      continue;
    }
    remember(memoryKey, n);
    if (collided || n % HINT_EVERY === 0) await saveHint(hints, key, n);
    return n;
  }
  throw new HttpError(503, 'busy', 'Too many people are doing this at once. Please try again.');
}

function remember(memoryKey: string, n: number): void {
  if ((lastTaken.get(memoryKey) ?? 0) >= n) return;
  lastTaken.delete(memoryKey);
  if (lastTaken.size >= LAST_TAKEN_BOUND) lastTaken.delete(lastTaken.keys().next().value!);
  lastTaken.set(memoryKey, n);
}

async function saveHint(
  hints: mongo.Collection<SequenceHint>,
  key: string,
  n: number,
): Promise<void> {
  const moved = await hints.updateOne({ _id: key, last: { $lt: n } }, { $set: { last: n } });
  if (moved.matchedCount > 0) return;
  try {
    await hints.insertOne({ _id: key, last: n });
  } catch (err) {
    // Someone else's hint is already there (and at least as far along, or about to be).
    if (!isDuplicateKey(err)) throw err;
  }
}

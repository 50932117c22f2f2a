import type { Model } from 'mongoose';
import { HttpError } from '../http/errors';

/**
 * Why claims: FerretDB v1 (our local and test database) applies `updateOne`/`findOneAndUpdate`
 * as read-modify-write without isolation, so a conditional `$inc` is NOT atomic there (measured:
 * 20 concurrent `{remaining: {$gt: 0}} → $inc -1` on 2 places succeeded 5 times). Inserts into a
 * unique key are atomic on FerretDB and MongoDB alike, so every "at most N" or "exactly once"
 * rule in the control plane is an insert of a claim document with a unique `_id`.
 */
export interface SlotDoc {
  _id: string;
  owner: string;
  slot: number;
  at: Date;
}

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

/**
 * Takes the lowest free slot 1..max of `owner` by inserting `<owner>:<slot>`; undefined when all
 * are taken. Racing callers collide on the `_id` and retry with the next free slot.
 */
export async function claimSlot(
  model: Model<SlotDoc>,
  owner: string,
  max: number,
): Promise<number | undefined> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const taken = new Set((await model.find({ owner }, { slot: 1 }).lean()).map((d) => d.slot));
    let slot = 1;
    while (taken.has(slot)) slot++;
    if (slot > max) return undefined;
    try {
      await model.create({ _id: `${owner}:${slot}`, owner, slot, at: new Date() });
      return slot;
    } catch (err) {
      if (!isDuplicate(err)) throw err;
    }
  }
  throw new HttpError(503, 'busy', 'Too many people are doing this at once. Please try again.');
}

export async function releaseSlot(
  model: Model<SlotDoc>,
  owner: string,
  slot: number,
): Promise<void> {
  await model.deleteOne({ _id: `${owner}:${slot}` });
}

export { isDuplicate };

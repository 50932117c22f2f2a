import type { Connection, mongo } from 'mongoose';
import { isDuplicateKey, isStaleClaim } from '../db/claims';

interface ListDoc {
  _id: string;
  ids: string[];
  _rev: number;
}
interface ClaimDoc {
  _id: string;
  ids: string[];
  at: Date;
}

/** How long a change keeps trying while others change the same list. */
const GIVE_UP_MS = 60_000;
const pause = (round: number) =>
  new Promise((r) => setTimeout(r, Math.random() * Math.min(5 * 2 ** round, 100)));

/**
 * Short lists of ids under a key, one document per key (`_id` = the key), for "which X belong to
 * Y" questions a request asks often (a person's communities, a person's family links): the local
 * database (FerretDB v1) pushes down no filter but `{_id}`, and a filter on another field decodes
 * every document of the collection, of every community.
 *
 * The owner keeps each list a superset of the truth, never short: an id is added *before* the
 * document it names is written and removed *after* that document is gone, and readers keep only
 * the ids whose documents (read by `_id`) still hold. A writer that stops between the two writes
 * leaves an extra id, which is harmless.
 *
 * Why claims: FerretDB v1 runs an update as read-modify-write without isolation, so two
 * `$addToSet`s on one document at once can lose one (an id missing from a list), and so can two
 * "guarded" updates: both read the old `_rev`, both write. So each revision has exactly one
 * writer: a change inserts a claim `<key>|<rev+1>` (a unique insert succeeds for one writer),
 * then writes the list guarded by its old `_rev`; losers wait and read again. Only a claim left
 * by a writer that stopped (older than db/claims.ts STALE_CLAIM_MS) is rolled forward by another. (Rolling a
 * live winner forward too, as a first version did, let its late write land over the next
 * revision: 14 of 20 racing additions were lost in the test.) A claim is deleted two revisions
 * later, when no writer can match its guard any more. A list is emptied, never deleted, so its
 * `_rev` only grows and an old claim never names a future revision.
 */
export class IdLists {
  constructor(
    private readonly connection: Connection,
    private readonly name: string,
  ) {}

  private get lists(): mongo.Collection<ListDoc> {
    return this.connection.db!.collection<ListDoc>(this.name);
  }
  private get claims(): mongo.Collection<ClaimDoc> {
    return this.connection.db!.collection<ClaimDoc>(`${this.name}_claims`);
  }

  /** The ids under `key` (a superset: see above), sorted. */
  async get(key: string): Promise<string[]> {
    return (await this.lists.findOne({ _id: key }))?.ids ?? [];
  }

  add(key: string, ...ids: string[]): Promise<void> {
    return this.edit(key, (now) => [...now, ...ids]);
  }

  remove(key: string, id: string): Promise<void> {
    return this.edit(key, (now) => now.filter((x) => x !== id));
  }

  clear(key: string): Promise<void> {
    return this.edit(key, () => []);
  }

  private async edit(key: string, change: (ids: string[]) => string[]): Promise<void> {
    const deadline = Date.now() + GIVE_UP_MS;
    for (let round = 0; Date.now() < deadline; round++) {
      if (round > 0) await pause(round);
      const doc = await this.lists.findOne({ _id: key });
      const before = doc?.ids ?? [];
      const after = [...new Set(change(before))].sort();
      if (after.length === before.length && after.every((x, i) => x === before[i])) return;
      if (!doc) {
        try {
          await this.lists.insertOne({ _id: key, ids: after, _rev: 0 });
          return;
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
          continue; // another writer created it first: edit theirs
        }
      }
      const claimId = `${key}|${doc._rev + 1}`;
      try {
        await this.claims.insertOne({ _id: claimId, ids: after, at: new Date() });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        // The winner writes next; only one that stopped long ago is rolled forward by us (two
        // writers of one revision could land out of order: see above).
        const winner = await this.claims.findOne({ _id: claimId });
        if (winner && isStaleClaim(winner.at)) await this.write(doc, winner.ids);
        continue;
      }
      if (await this.write(doc, after)) {
        // Claims two revisions back can no longer be taken by anyone who could still match.
        await this.claims.deleteOne({ _id: `${key}|${doc._rev - 1}` });
        return;
      }
    }
    throw new Error(`Could not change the list ${this.name}/${key}.`);
  }

  private async write(doc: ListDoc, ids: string[]): Promise<boolean> {
    const r = await this.lists.updateOne(
      { _id: doc._id, _rev: doc._rev },
      { $set: { ids, _rev: doc._rev + 1 } },
    );
    return r.matchedCount === 1;
  }
}

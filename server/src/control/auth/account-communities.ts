import type { mongo } from 'mongoose';
import { byIds } from '../../db/by-ids';
import { isDuplicateKey } from '../../db/errors';
import { membershipId, type AuthModels, type MembershipDoc } from './model';

/**
 * Which communities a person belongs to, as one document per account (`_id` = the account), so
 * "my communities" (auth.me, the community list, privacy naming) reads by `_id`: the local
 * database (FerretDB v1) pushes down no other filter, and `{accountId}` decoded every membership
 * of every community.
 *
 * The list is a superset, never short: a community is added *before* its membership is written
 * and removed *after* its membership is deleted, and readers keep only the communities whose
 * membership `<communityId>:<accountId>` exists (read by `_id`). A start that stops between the two
 * writes leaves an extra entry, which is harmless and dropped at the next change.
 *
 * Why claims: FerretDB v1 runs an update as read-modify-write without isolation, so two
 * `$addToSet`s on one document at once can lose one (a community missing from a person's list).
 * A change therefore inserts a claim `<account>|<rev+1>` (a unique insert succeeds for one
 * writer), then writes the list guarded by its old `_rev`; a loser rolls the stored winner
 * forward (in case it stopped) and tries again on the new revision.
 */
interface AccountCommunitiesDoc {
  _id: string;
  communities: string[];
  _rev: number;
}
interface ClaimDoc {
  _id: string;
  communities: string[];
  at: Date;
}

const LISTS = 'account_communities';
const CLAIMS = 'account_community_claims';
/** A bound on retries; each follows another writer's success, so this is never reached in practice. */
const ATTEMPTS = 100;

function collections(model: AuthModels['Membership']) {
  return {
    lists: model.db.collection<AccountCommunitiesDoc>(LISTS),
    claims: model.db.collection<ClaimDoc>(CLAIMS),
  };
}

async function edit(
  model: AuthModels['Membership'],
  accountId: string,
  change: (communities: string[]) => string[],
): Promise<void> {
  const { lists, claims } = collections(model);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const doc = await lists.findOne({ _id: accountId });
    const before = doc?.communities ?? [];
    const after = [...new Set(change(before))].sort();
    if (after.length === before.length && after.every((c, i) => c === before[i])) return;
    if (!doc) {
      try {
        await lists.insertOne({ _id: accountId, communities: after, _rev: 0 });
        return;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        continue; // another writer created it first: edit its list
      }
    }
    const claimId = `${accountId}|${doc._rev + 1}`;
    try {
      await claims.insertOne({ _id: claimId, communities: after, at: new Date() });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const winner = await claims.findOne({ _id: claimId });
      // Roll a winner that stopped forward; a miss (it already wrote) changes nothing.
      if (winner) await write(lists, doc, winner.communities);
      await claims.deleteOne({ _id: claimId });
      continue;
    }
    const wrote = await write(lists, doc, after);
    await claims.deleteOne({ _id: claimId });
    // A miss: a loser rolled ours forward first (the next round finds nothing to change), or the
    // list had moved on (a claim left by a stopped writer was taken): either way, read again.
    if (wrote) return;
  }
  throw new Error(`Could not update the communities of account ${accountId}.`);
}

async function write(
  lists: mongo.Collection<AccountCommunitiesDoc>,
  doc: AccountCommunitiesDoc,
  communities: string[],
): Promise<boolean> {
  const r = await lists.updateOne(
    { _id: doc._id, _rev: doc._rev },
    { $set: { communities, _rev: doc._rev + 1 } },
  );
  return r.matchedCount === 1;
}

/** Before a membership of `accountId` in `communityId` is written. */
export function noteMembership(
  model: AuthModels['Membership'],
  accountId: string,
  communityId: string,
): Promise<void> {
  return edit(model, accountId, (cs) => [...cs, communityId]);
}

/** After a membership is deleted (it may be written again meanwhile: that one is kept). */
export async function forgetMembership(
  model: AuthModels['Membership'],
  accountId: string,
  communityId: string,
): Promise<void> {
  if (await model.exists({ _id: membershipId(communityId, accountId) })) return;
  await edit(model, accountId, (cs) => cs.filter((c) => c !== communityId));
}

/**
 * After all of an account's memberships are deleted (the account closed). Emptied, not deleted:
 * its `_rev` keeps counting up, so a claim a stopped writer left can never match a new list.
 */
export function forgetAccount(model: AuthModels['Membership'], accountId: string): Promise<void> {
  return edit(model, accountId, () => []);
}

/** The person's memberships, by community id: each read by `_id`. */
export async function membershipsOf(
  model: AuthModels['Membership'],
  accountId: string,
): Promise<MembershipDoc[]> {
  const doc = await collections(model).lists.findOne({ _id: accountId });
  const found = await byIds(doc?.communities ?? [], (c) =>
    model.findById(membershipId(c, accountId)).lean(),
  );
  return found.sort((a, b) => (a.communityId < b.communityId ? -1 : 1));
}

/**
 * Builds every account's list from the memberships (one scan, once per database: see
 * db/migrations.ts). Idempotent and safe with two processes: each entry is added through the
 * claims above, and an entry already there is left alone.
 */
export async function indexAccountCommunities(model: AuthModels['Membership']): Promise<number> {
  const rows = await model.db
    .collection<MembershipDoc>(model.collection.collectionName)
    .find({}, { projection: { communityId: 1, accountId: 1 } })
    .toArray();
  const byAccount = new Map<string, string[]>();
  for (const r of rows)
    byAccount.set(r.accountId, [...(byAccount.get(r.accountId) ?? []), r.communityId]);
  for (const [accountId, communities] of byAccount)
    await edit(model, accountId, (cs) => [...cs, ...communities]);
  return byAccount.size;
}

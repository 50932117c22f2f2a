import { byIds } from '../../db/by-ids';
import { IdLists } from '../id-lists';
import { membershipId, type AuthModels, type MembershipDoc } from './model';

/**
 * Which communities a person belongs to, as one list per account (`_id` = the account), so "my
 * communities" (auth.me, the community list, privacy naming) reads by `_id`: `{accountId}`
 * decoded every membership of every community on the local database. A superset (id-lists.ts):
 * a community is noted before its membership is written and forgotten after it is deleted, and
 * readers keep the communities whose membership `<communityId>:<accountId>` exists.
 */
const lists = (model: AuthModels['Membership']) => new IdLists(model.db, 'account_communities');

/** Before a membership of `accountId` in `communityId` is written. */
export function noteMembership(
  model: AuthModels['Membership'],
  accountId: string,
  communityId: string,
): Promise<void> {
  return lists(model).add(accountId, communityId);
}

/** After a membership is deleted (if it was written again meanwhile, it stays listed). */
export async function forgetMembership(
  model: AuthModels['Membership'],
  accountId: string,
  communityId: string,
): Promise<void> {
  if (await model.exists({ _id: membershipId(communityId, accountId) })) return;
  await lists(model).remove(accountId, communityId);
}

/** After all of an account's memberships are deleted (the account closed). */
export function forgetAccount(model: AuthModels['Membership'], accountId: string): Promise<void> {
  return lists(model).clear(accountId);
}

/** The communities the person is listed in: a superset of hers (see above), one read by `_id`. */
export function listedCommunities(
  model: AuthModels['Membership'],
  accountId: string,
): Promise<string[]> {
  return lists(model).get(accountId);
}

/** The person's memberships, by community id: each read by `_id`. */
export async function membershipsOf(
  model: AuthModels['Membership'],
  accountId: string,
): Promise<MembershipDoc[]> {
  const found = await byIds(await lists(model).get(accountId), (c) =>
    model.findById(membershipId(c, accountId)).lean(),
  );
  return found.sort((a, b) => (a.communityId < b.communityId ? -1 : 1));
}

/**
 * Builds every account's list from the memberships (one scan, once per database: see
 * db/migrations.ts). Idempotent and safe with two processes: entries are added through claims,
 * and an entry already there is left alone.
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
    await lists(model).add(accountId, ...communities);
  return byAccount.size;
}

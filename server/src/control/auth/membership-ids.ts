import { isDuplicateKey } from '../../db/errors';
import { membershipId, type AuthModels, type MembershipDoc } from './model';

/**
 * Memberships of an earlier release had a random `_id` and were found by scanning
 * `{communityId, accountId}`: each is stored again under `membershipId(...)` and the old document
 * removed. Idempotent and safe with two processes (a copy already made is a duplicate key, a
 * removal already made removes nothing). Runs once per database (db/migrations.ts), after the
 * unique `{communityId, accountId}` index is gone: the copy and its original share that key.
 */
export async function rekeyMemberships(model: AuthModels['Membership']): Promise<number> {
  const memberships = model.db.collection<MembershipDoc>(model.collection.collectionName);
  const keys = await memberships
    .find({}, { projection: { _id: 1, communityId: 1, accountId: 1 } })
    .toArray();
  let moved = 0;
  for (const { _id, communityId, accountId } of keys) {
    const key = membershipId(communityId, accountId);
    if (_id === key) continue;
    const doc = await memberships.findOne({ _id });
    if (!doc) continue; // moved by another process meanwhile
    await memberships.insertOne({ ...doc, _id: key }).catch((err: unknown) => {
      if (!isDuplicateKey(err)) throw err;
    });
    await memberships.deleteOne({ _id });
    moved++;
  }
  return moved;
}

import { sha256 } from '../auth/secrets';
import type { FamilyLinkDoc } from './model';

/** A household is a family, not a care network: more people than this are not one home. */
const MAX_HOUSEHOLD = 12;

/**
 * The opaque key of a person's household (`{"var": "user.household"}`): the person and everyone
 * joined to them by live family links in the community, directly or through each other — carer
 * links aside, a carer keeps their own home. Everyone of one family gets the same key, so a
 * capacity rule keyed on it is a limit per household; a person without links is a household of
 * one. The key is a hash, so a record never carries a relative's account id.
 */
export async function householdKey(
  /** A person's live links in the community (by `_id`: see link-lists.ts). */
  linksOf: (accountId: string) => Promise<FamilyLinkDoc[]>,
  communityId: string,
  accountId: string,
): Promise<string> {
  const members = new Set([accountId]);
  let frontier = [accountId];
  while (frontier.length && members.size < MAX_HOUSEHOLD) {
    const found = await Promise.all(frontier.map((id) => linksOf(id)));
    const rows = found.flat().filter((l) => l.relation !== 'carer');
    frontier = [];
    for (const { a, b } of rows) {
      for (const id of [a, b]) {
        if (members.has(id) || members.size >= MAX_HOUSEHOLD) continue;
        members.add(id);
        frontier.push(id);
      }
    }
  }
  const first = [...members].sort()[0]!;
  return sha256(`household|${communityId}|${first}`).slice(0, 24);
}

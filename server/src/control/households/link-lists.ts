import { byIds } from '../../db/by-ids';
import { IdLists } from '../id-lists';
import type { FamilyGrantDoc, FamilyLinkDoc, HouseholdModels } from './model';

/** More than anyone needs; bounds what each lookup and each page can hold. */
export const MAX_LINKS = 20;

export const grantId = (communityId: string, grantor: string, grantee: string) =>
  `${communityId}|${grantor}|${grantee}`;

const keyOf = (communityId: string, accountId: string) => `${communityId}|${accountId}`;

/**
 * A person's family links in a community, as one list of link ids per person and community
 * (id-lists.ts), so the household page, "whom may I act for" (asked by every query of a plugin
 * that uses `user.actsFor`) and the household key read by `_id`: `{communityId, $or: [{a}, {b}]}`
 * and `{communityId, grantee}` decoded every family link or grant of every community locally.
 * A link id is listed for both people before the link is written and dropped after it is revoked
 * or deleted; readers keep the live links of the community that name the person.
 */
export class FamilyLinkLists {
  private readonly lists: IdLists;

  constructor(private readonly models: Pick<HouseholdModels, 'FamilyLink' | 'FamilyGrant'>) {
    this.lists = new IdLists(models.FamilyLink.db, 'family_link_lists');
  }

  /** Before `link` is written. */
  async note(link: Pick<FamilyLinkDoc, '_id' | 'communityId' | 'a' | 'b'>): Promise<void> {
    await Promise.all([
      this.lists.add(keyOf(link.communityId, link.a), link._id),
      this.lists.add(keyOf(link.communityId, link.b), link._id),
    ]);
  }

  /** After `link` is revoked or deleted. */
  async forget(link: Pick<FamilyLinkDoc, '_id' | 'communityId' | 'a' | 'b'>): Promise<void> {
    await Promise.all([
      this.lists.remove(keyOf(link.communityId, link.a), link._id),
      this.lists.remove(keyOf(link.communityId, link.b), link._id),
    ]);
  }

  /** The person's live links in the community, oldest first (at most MAX_LINKS + 1). */
  async linksOf(communityId: string, accountId: string): Promise<FamilyLinkDoc[]> {
    const ids = await this.lists.get(keyOf(communityId, accountId));
    const links = await byIds(ids, (id) => this.models.FamilyLink.findById(id).lean());
    return links
      .filter((l) => l.communityId === communityId && l.status === 'active')
      .filter((l) => l.a === accountId || l.b === accountId)
      .sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime())
      .slice(0, MAX_LINKS + 1);
  }

  /** What the others on the person's links allow them (`act` or `notify`), read by `_id`. */
  grantsTo(
    communityId: string,
    accountId: string,
    what: 'act' | 'notify',
  ): Promise<FamilyGrantDoc[]> {
    return this.grants(communityId, accountId, what, 'to');
  }

  /** What the person allows the others on their links (`act` or `notify`), read by `_id`. */
  grantsFrom(
    communityId: string,
    accountId: string,
    what: 'act' | 'notify',
  ): Promise<FamilyGrantDoc[]> {
    return this.grants(communityId, accountId, what, 'from');
  }

  private async grants(
    communityId: string,
    accountId: string,
    what: 'act' | 'notify',
    way: 'to' | 'from',
  ): Promise<FamilyGrantDoc[]> {
    const links = await this.linksOf(communityId, accountId);
    const grants = await byIds(
      links.map((l) => {
        const other = l.a === accountId ? l.b : l.a;
        return way === 'to'
          ? grantId(communityId, other, accountId)
          : grantId(communityId, accountId, other);
      }),
      (id) => this.models.FamilyGrant.findById(id).lean(),
    );
    return grants.filter((g) => g[what]);
  }

  /**
   * Builds the lists from the live links a database already has (one scan, once per database:
   * db/migrations.ts). Idempotent and safe with two processes (entries are added by claims).
   */
  async build(): Promise<number> {
    const links = await this.models.FamilyLink.find(
      { status: 'active' },
      { communityId: 1, a: 1, b: 1 },
    ).lean();
    for (const link of links) await this.note(link);
    return links.length;
  }
}

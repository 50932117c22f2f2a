import type { FamilyGrant } from '@scene/schema';
import { isDuplicateKey } from '../../db/claims';
import { HttpError } from '../../http/errors';
import type { CallerCache } from '../auth/caller-cache';
import { grantId, MAX_LINKS, type FamilyLinkLists } from './link-lists';
import type { FamilyGrantDoc, FamilyLinkDoc, HouseholdModels } from './model';

/** The claim that keeps two people to one live link, whichever of them links first. */
export const pairId = (communityId: string, x: string, y: string) =>
  `pair|${communityId}|${[x, y].sort().join('|')}`;

/** Writes a new link with its claims, lists and grants, or nothing of it. */
export class FamilyLinks {
  constructor(
    private readonly models: Pick<HouseholdModels, 'FamilyClaim' | 'FamilyLink' | 'FamilyGrant'>,
    private readonly linkLists: FamilyLinkLists,
    private readonly callers: CallerCache,
  ) {}

  /** Claims `id` (a code, a pair of people) for `linkId` by unique insert: true for the first. */
  async claim(id: string, linkId: string): Promise<boolean> {
    try {
      await this.models.FamilyClaim.create({ _id: id, linkId, at: new Date() });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /** The link, its pair claim (one live link per two people) and both grants. */
  async create(
    link: FamilyLinkDoc,
    aGrants: FamilyGrant,
    bGrants: FamilyGrant,
  ): Promise<FamilyLinkDoc> {
    const { communityId, a, b } = link;
    if ((await this.linkLists.linksOf(communityId, a)).length >= MAX_LINKS)
      throw new HttpError(409, 'too_many_links', `At most ${MAX_LINKS} family links per person.`);
    if (!(await this.claim(pairId(communityId, a, b), link._id)))
      throw new HttpError(409, 'already_linked', 'These two people are already linked.', {
        code: 'already_linked',
        message: { 'zh-CN': '你们已经是关联的家人。', en: 'You are already linked.' },
      });
    await this.linkLists.note(link);
    try {
      await this.models.FamilyLink.create(link);
      const now = new Date();
      await this.models.FamilyGrant.insertMany([
        grantDoc(link, a, b, aGrants, now),
        grantDoc(link, b, a, bGrants, now),
      ]);
      await Promise.all([this.callers.changed(a), this.callers.changed(b)]);
    } catch (err) {
      await this.models.FamilyClaim.deleteOne({ _id: pairId(communityId, a, b) });
      await this.models.FamilyLink.deleteOne({ _id: link._id });
      await this.linkLists.forget(link);
      throw err;
    }
    return link;
  }
}

function grantDoc(
  link: FamilyLinkDoc,
  grantor: string,
  grantee: string,
  grant: FamilyGrant,
  now: Date,
): FamilyGrantDoc {
  return {
    _id: grantId(link.communityId, grantor, grantee),
    communityId: link.communityId,
    grantor,
    grantee,
    linkId: link._id,
    act: grant.act,
    notify: grant.notify,
    updatedAt: now,
  };
}

import {
  cleanAttributes,
  INVERSE_RELATION,
  type FamilyGrant,
  type FamilyRelation,
  type MemberAttributes,
} from '@scene/schema';
import { byIds } from '../../db/by-ids';
import type { CallerCache } from '../auth/caller-cache';
import { membershipId, type AuthModels } from '../auth/model';
import { grantId } from './link-lists';
import type { FamilyGrantDoc, FamilyLinkDoc, HouseholdModels } from './model';

/** A family link as one of its two people sees it. */
export interface FamilyLinkView {
  id: string;
  other: { accountId: string; displayName: string };
  /** What the other person is to me. */
  relation: FamilyRelation | 'caredFor';
  /** What I allow them. */
  mine: FamilyGrant;
  /** What they allow me. */
  theirs: FamilyGrant;
  consent: 'accepted' | 'paper';
  since: string;
}

/** A link as the operator sees it: both people, and how consent was given. */
export interface OperatorLinkView {
  id: string;
  a: { accountId: string; displayName: string; grants: FamilyGrant };
  b: { accountId: string; displayName: string; grants: FamilyGrant };
  /** What `b` is to `a`. */
  relation: FamilyRelation;
  consent: { kind: 'accepted' | 'paper'; note?: string; at: string };
  since: string;
}

/** Me in a community: what the operator recorded, and whom I may act for. */
export interface MeInCommunity {
  accountId: string;
  displayName: string;
  attributes: MemberAttributes;
  actsFor: {
    accountId: string;
    displayName: string;
    relation: FamilyRelation | 'caredFor';
    attributes: MemberAttributes;
  }[];
}

const NONE: FamilyGrant = { act: false, notify: false };

/** What the households screens show of links: names and both sides' grants, read by `_id`. */
export class FamilyViews {
  constructor(
    private readonly models: Pick<HouseholdModels, 'FamilyGrant'> &
      Pick<AuthModels, 'Account' | 'Membership'>,
    private readonly callers: CallerCache,
  ) {}

  /** Members' attributes in a community, by account id. */
  async attributesOf(communityId: string, ids: string[]): Promise<Map<string, MemberAttributes>> {
    if (!ids.length) return new Map();
    // From the caller cache (whole memberships, as it keeps them), the others by `_id`: `$in`
    // decodes every membership of every community on the local database, and households.me
    // asks this. A household is a few people.
    const rows = await this.callers.membershipsIn(communityId, ids, (missing) =>
      byIds(missing, (id) => this.models.Membership.findById(membershipId(communityId, id)).lean()),
    );
    return new Map(rows.map((r) => [r.accountId, cleanAttributes(r.attributes)]));
  }

  /** Display names by account id (read by `_id`; a household is a few people). */
  async displayNames(ids: string[]): Promise<Map<string, string>> {
    const rows = await byIds(ids, (id) =>
      this.models.Account.findById(id, { displayName: 1 }).lean(),
    );
    return new Map(rows.map((r) => [r._id, r.displayName]));
  }

  private async grantsOf(links: FamilyLinkDoc[]): Promise<Map<string, FamilyGrant>> {
    const ids = links.flatMap((l) => [
      grantId(l.communityId, l.a, l.b),
      grantId(l.communityId, l.b, l.a),
    ]);
    const rows = await byIds(ids, (id) => this.models.FamilyGrant.findById(id).lean());
    return new Map(rows.map((g: FamilyGrantDoc) => [g._id, { act: g.act, notify: g.notify }]));
  }

  /** Links as `me`, one of their two people, sees them. */
  async forMember(
    communityId: string,
    me: string,
    links: FamilyLinkDoc[],
  ): Promise<FamilyLinkView[]> {
    const others = links.map((l) => otherOf(l, me)!);
    const [names, grants] = await Promise.all([this.displayNames(others), this.grantsOf(links)]);
    return links.map((l, i) => {
      const other = others[i]!;
      return {
        id: l._id,
        other: { accountId: other, displayName: names.get(other) ?? '' },
        relation: relationFor(l, me),
        mine: grants.get(grantId(communityId, me, other)) ?? NONE,
        theirs: grants.get(grantId(communityId, other, me)) ?? NONE,
        consent: l.consent.kind,
        since: l.createdAt.toISOString(),
      };
    });
  }

  /** Links as the operator sees them: both people and their grants. */
  async forOperator(links: FamilyLinkDoc[]): Promise<OperatorLinkView[]> {
    const [names, grants] = await Promise.all([
      this.displayNames([...new Set(links.flatMap((l) => [l.a, l.b]))]),
      this.grantsOf(links),
    ]);
    return links.map((l) => ({
      id: l._id,
      a: {
        accountId: l.a,
        displayName: names.get(l.a) ?? '',
        grants: grants.get(grantId(l.communityId, l.a, l.b)) ?? NONE,
      },
      b: {
        accountId: l.b,
        displayName: names.get(l.b) ?? '',
        grants: grants.get(grantId(l.communityId, l.b, l.a)) ?? NONE,
      },
      relation: l.relation,
      consent: {
        kind: l.consent.kind,
        ...(l.consent.kind === 'paper' ? { note: l.consent.note } : {}),
        at: l.consent.at.toISOString(),
      },
      since: l.createdAt.toISOString(),
    }));
  }
}

export function otherOf(link: FamilyLinkDoc, me: string): string | undefined {
  if (link.a === me) return link.b;
  if (link.b === me) return link.a;
  return undefined;
}

/** What the other person of the link is to `me` (the relation is stated from `a`'s side). */
export function relationFor(link: FamilyLinkDoc, me: string): FamilyRelation | 'caredFor' {
  return link.a === me ? link.relation : INVERSE_RELATION[link.relation];
}

import {
  cleanAttributes,
  INVERSE_RELATION,
  type FamilyGrant,
  type FamilyRelation,
  type MemberAttributes,
} from '@scene/schema';
import { randomInt } from 'node:crypto';
import { isDuplicateKey } from '../../db/claims';
import { HttpError, notFound } from '../../http/errors';
import type { CommunityActor } from '../auth/actor';
import type { CallerCache } from '../auth/caller-cache';
import { membershipId, type AuthModels } from '../auth/model';
import { newId, sha256 } from '../auth/secrets';
import { LoginThrottle, type ThrottlePolicy } from '../auth/throttle';
import type { AuditService } from '../audit/service';
import { householdKey } from './household-key';
import { FamilyLinkLists, grantId, MAX_LINKS } from './link-lists';
import type { FamilyGrantDoc, FamilyLinkDoc, HouseholdModels } from './model';
import { byIds } from '../../db/by-ids';

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
const INVITE_TTL_MS = 24 * 60 * 60 * 1000;
/** No 0/O/1/I/L: codes are read aloud over the phone and typed by elders. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const normalise = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');
/** Guessing a code is rate limited per person: 31^8 codes, 10 tries per quarter hour. */
// Ten wrong codes per person, then a quarter of an hour's wait (the login throttle, counted per
// person: the "address" is the account, so one guesser never slows anyone else down).
const CODE_TRIES: ThrottlePolicy = {
  freeFailures: 10,
  firstLockMs: 15 * 60_000,
  maxLockMs: 15 * 60_000,
  memoryMs: 15 * 60_000,
  addressFailures: 10,
  addressWindowMs: 15 * 60_000,
};
const pairId = (communityId: string, x: string, y: string) =>
  `pair|${communityId}|${[x, y].sort().join('|')}`;

/**
 * Households: family links between members of one community, made with both people's consent
 * (one invites with a one-time code, the other enters it, or an operator records a paper
 * consent), revocable by either. On a link each person chooses what the other may do for them:
 * `act` (act for me in plugin actions that allow it) and `notify` (receive my notifications).
 * Every "exactly once" here is a claim by unique insert: a code is used once, and two people
 * have at most one live link.
 */
export class HouseholdService {
  private readonly throttle: LoginThrottle;
  private readonly linkLists: FamilyLinkLists;

  constructor(
    private readonly models: HouseholdModels &
      Pick<AuthModels, 'Account' | 'Membership' | 'LoginAttempt'>,
    private readonly audit: AuditService,
    /** Keeps whom each member may act for (`me`); told when a grant to them is set or goes. */
    private readonly callers: CallerCache,
  ) {
    this.throttle = new LoginThrottle(models, CODE_TRIES);
    this.linkLists = new FamilyLinkLists(models);
  }

  // --- the people themselves --------------------------------------------------------------

  /** A one-time code the invited person enters within a day; shown once, stored as a hash. */
  async invite(
    actor: CommunityActor,
    input: { relation: FamilyRelation; grant: FamilyGrant },
  ): Promise<{ code: string; relation: FamilyRelation; expiresAt: string }> {
    const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    const code = `${chars.slice(0, 4)}-${chars.slice(4)}`;
    const now = new Date();
    const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
    await this.models.FamilyInvite.deleteMany({
      communityId: actor.communityId,
      inviter: actor.accountId,
      expiresAt: { $lt: now },
    });
    await this.models.FamilyInvite.create({
      _id: sha256(normalise(code)),
      communityId: actor.communityId,
      inviter: actor.accountId,
      relation: input.relation,
      grant: { act: input.grant.act, notify: input.grant.notify },
      createdAt: now,
      expiresAt,
    });
    await this.audit.record(actor, {
      action: 'family.invite',
      target: { type: 'account', id: actor.accountId },
      communityId: actor.communityId,
      summary: { relation: input.relation, grant: input.grant },
    });
    return { code, relation: input.relation, expiresAt: expiresAt.toISOString() };
  }

  /**
   * Accepts a code: the link exists from now, with the accepter's consent recorded and each
   * side's choices as grants. Wrong codes count against a per-person limit (429).
   */
  async accept(
    actor: CommunityActor,
    input: { code: string; grant: FamilyGrant },
  ): Promise<FamilyLinkView> {
    const throttleKey = `family:${actor.communityId}`;
    await this.throttle.attempt(throttleKey, actor.accountId);
    const hash = sha256(normalise(input.code));
    const invite = await this.models.FamilyInvite.findById(hash).lean();
    const now = new Date();
    if (!invite || invite.communityId !== actor.communityId || invite.expiresAt <= now)
      throw new HttpError(404, 'code_not_found', 'This code is not valid or has expired.', {
        code: 'code_not_found',
        message: { 'zh-CN': '邀请码无效或已过期。', en: 'This code is not valid or has expired.' },
      });
    await this.throttle.succeeded(throttleKey, actor.accountId);
    if (invite.inviter === actor.accountId)
      throw new HttpError(409, 'own_code', 'This is your own code; give it to your relative.', {
        code: 'own_code',
        message: {
          'zh-CN': '这是您自己生成的邀请码，请交给家人输入。',
          en: 'This is your own code; give it to your relative.',
        },
      });
    await this.requireMember(actor.communityId, invite.inviter);
    const linkId = newId();
    // A code admits one person, however many enter it at once.
    if (!(await this.claim(`code|${hash}`, linkId)))
      throw new HttpError(409, 'code_used', 'This code has already been used.', {
        code: 'code_used',
        message: { 'zh-CN': '邀请码已被使用。', en: 'This code has already been used.' },
      });
    const link = await this.createLink(
      {
        _id: linkId,
        communityId: actor.communityId,
        a: invite.inviter,
        b: actor.accountId,
        relation: invite.relation,
        status: 'active',
        consent: { kind: 'accepted', by: actor.accountId, at: now },
        createdAt: now,
      },
      invite.grant,
      input.grant,
    ).catch(async (err: unknown) => {
      await this.models.FamilyClaim.deleteOne({ _id: `code|${hash}` });
      throw err;
    });
    await this.models.FamilyInvite.deleteOne({ _id: hash });
    await this.audit.record(actor, {
      action: 'family.link',
      target: { type: 'familyLink', id: link._id },
      communityId: actor.communityId,
      summary: { with: invite.inviter, relation: invite.relation, consent: 'accepted' },
    });
    return (await this.viewsFor(actor.communityId, actor.accountId, [link]))[0]!;
  }

  /** The links of the caller, as they see them. */
  async mine(actor: CommunityActor): Promise<FamilyLinkView[]> {
    const links = await this.linksOf(actor.communityId, actor.accountId);
    return this.viewsFor(actor.communityId, actor.accountId, links);
  }

  /** Changes what the caller allows the other person of a link. */
  async setGrant(
    actor: CommunityActor,
    linkId: string,
    grant: FamilyGrant,
  ): Promise<FamilyLinkView> {
    const link = await this.liveLink(actor.communityId, linkId);
    const other = otherOf(link, actor.accountId);
    if (!other) throw notFound('No such family link.');
    await this.models.FamilyGrant.updateOne(
      { _id: grantId(link.communityId, actor.accountId, other) },
      {
        $set: { act: grant.act, notify: grant.notify, updatedAt: new Date() },
        $setOnInsert: {
          communityId: link.communityId,
          grantor: actor.accountId,
          grantee: other,
          linkId: link._id,
        },
      },
      { upsert: true },
    );
    await this.callers.changed(other);
    await this.audit.record(actor, {
      action: 'family.grant',
      target: { type: 'familyLink', id: link._id },
      communityId: link.communityId,
      summary: { to: other, grant },
    });
    return (await this.viewsFor(actor.communityId, actor.accountId, [link]))[0]!;
  }

  /** Ends a link: either person may, and so may the community's operator. Rights end first. */
  async revoke(actor: CommunityActor, linkId: string): Promise<void> {
    const link = await this.liveLink(actor.communityId, linkId);
    const operator =
      actor.communityRoles.includes('operator') || actor.communityRoles.includes('admin');
    if (!otherOf(link, actor.accountId) && !operator) throw notFound('No such family link.');
    // Two deletes by `_id`: `$in` decodes every grant of every community locally.
    await Promise.all([
      this.models.FamilyGrant.deleteOne({ _id: grantId(link.communityId, link.a, link.b) }),
      this.models.FamilyGrant.deleteOne({ _id: grantId(link.communityId, link.b, link.a) }),
    ]);
    await Promise.all([this.callers.changed(link.a), this.callers.changed(link.b)]);
    await this.models.FamilyClaim.deleteOne({ _id: pairId(link.communityId, link.a, link.b) });
    await this.models.FamilyLink.updateOne(
      { _id: link._id },
      { $set: { status: 'revoked', revokedAt: new Date(), revokedBy: actor.accountId } },
    );
    await this.linkLists.forget(link);
    await this.audit.record(actor, {
      action: 'family.revoke',
      target: { type: 'familyLink', id: link._id },
      communityId: link.communityId,
    });
  }

  /**
   * A closed account leaves no family behind: its links (live or ended), what either side
   * allowed, its pending codes and the claims that kept pairs unique all go, in every community.
   */
  async forgetAccount(accountId: string): Promise<void> {
    const links = await this.models.FamilyLink.find(
      { $or: [{ a: accountId }, { b: accountId }] },
      { communityId: 1, a: 1, b: 1 },
    ).lean();
    await this.models.FamilyGrant.deleteMany({
      $or: [{ grantor: accountId }, { grantee: accountId }],
    });
    // Those it let act for it lose that (the closed account itself is forgotten by auth).
    await Promise.all(links.map((l) => this.callers.changed(l.a === accountId ? l.b : l.a)));
    await this.models.FamilyClaim.deleteMany({
      _id: { $in: links.map((l) => pairId(l.communityId, l.a, l.b)) },
    });
    await this.models.FamilyLink.deleteMany({ _id: { $in: links.map((l) => l._id) } });
    await Promise.all(links.map((l) => this.linkLists.forget(l)));
    await this.models.FamilyInvite.deleteMany({ inviter: accountId });
  }

  /** Me in this community: my attributes and the people who allowed me to act for them. */
  async me(actor: CommunityActor): Promise<MeInCommunity> {
    // Kept per member (a signed-in page's first HTML waits for it); whether a link still holds
    // is read below.
    const grants = await this.callers.readThrough(
      `acting-grants|${actor.accountId}|${actor.communityId}`,
      actor.accountId,
      () => this.linkLists.grantsTo(actor.communityId, actor.accountId, 'act'),
    );
    const ids = grants.map((g) => g.grantor);
    const [names, attributes, links] = await Promise.all([
      this.displayNames(ids),
      this.attributesOf(actor.communityId, ids),
      byIds(
        grants.map((g) => g.linkId),
        (id) => this.models.FamilyLink.findById(id).lean(),
      ),
    ]);
    const byLink = new Map(links.map((l) => [l._id, l]));
    return {
      accountId: actor.accountId,
      displayName: actor.displayName,
      attributes: actor.attributes ?? {},
      actsFor: grants.flatMap((g) => {
        const link = byLink.get(g.linkId);
        if (!link || link.status !== 'active') return [];
        return [
          {
            accountId: g.grantor,
            displayName: names.get(g.grantor) ?? '',
            relation: relationFor(link, actor.accountId),
            attributes: attributes.get(g.grantor) ?? {},
          },
        ];
      }),
    };
  }

  // --- the operator -----------------------------------------------------------------------

  /**
   * Records a link both people consented to on paper (an elder without a phone): the operator
   * names both, the relation, what each allows the other, and where the signed form is.
   */
  async record(
    actor: CommunityActor,
    input: {
      a: string;
      b: string;
      relation: FamilyRelation;
      aGrants: FamilyGrant;
      bGrants: FamilyGrant;
      consentNote: string;
    },
  ): Promise<OperatorLinkView> {
    if (input.a === input.b)
      throw new HttpError(400, 'same_person', 'A family link joins two different people.');
    await this.requireMember(actor.communityId, input.a);
    await this.requireMember(actor.communityId, input.b);
    const now = new Date();
    const link = await this.createLink(
      {
        _id: newId(),
        communityId: actor.communityId,
        a: input.a,
        b: input.b,
        relation: input.relation,
        status: 'active',
        consent: { kind: 'paper', note: input.consentNote, recordedBy: actor.accountId, at: now },
        createdAt: now,
      },
      input.aGrants,
      input.bGrants,
    );
    await this.audit.record(actor, {
      action: 'family.record',
      target: { type: 'familyLink', id: link._id },
      communityId: actor.communityId,
      summary: { a: input.a, b: input.b, relation: input.relation, consent: 'paper' },
    });
    return (await this.operatorViews([link]))[0]!;
  }

  /** The community's live links (optionally one member's), for the operator. */
  async list(communityId: string, accountId?: string): Promise<OperatorLinkView[]> {
    const links = accountId
      ? await this.linksOf(communityId, accountId)
      : await this.models.FamilyLink.find({ communityId, status: 'active' })
          .sort({ createdAt: -1 })
          .limit(500)
          .lean();
    return this.operatorViews(links);
  }

  // --- what the data plane asks -----------------------------------------------------------

  /** Whether `subject` allowed `actor` to act for them, on a live link (one read by `_id`). */
  async mayActFor(communityId: string, actor: string, subject: string): Promise<boolean> {
    const g = await this.models.FamilyGrant.findById(grantId(communityId, subject, actor), {
      act: 1,
    }).lean();
    return g?.act === true;
  }

  /** Those who allowed `accountId` to act for them. */
  async actsFor(communityId: string, accountId: string): Promise<string[]> {
    const rows = await this.linkLists.grantsTo(communityId, accountId, 'act');
    return rows.map((r) => r.grantor);
  }

  /** The opaque key of the person's household (`user.household`; see household-key.ts). */
  household(communityId: string, accountId: string): Promise<string> {
    return householdKey((id) => this.linkLists.linksOf(communityId, id), communityId, accountId);
  }

  /** Family members of `subjects` who allowed receiving their notifications. */
  async familyOf(communityId: string, subjects: string[]): Promise<string[]> {
    if (!subjects.length) return [];
    if (subjects.length <= MAX_LINKS) {
      // A record's owner and a few more: their lists by `_id` (a query decodes every grant).
      const rows = await Promise.all(
        subjects.map((s) => this.linkLists.grantsFrom(communityId, s, 'notify')),
      );
      return [...new Set(rows.flat().map((r) => r.grantee))];
    }
    // Many subjects: one query (indexed on MongoDB) beats a list per subject.
    const rows = await this.models.FamilyGrant.find(
      { communityId, grantor: { $in: subjects }, notify: true },
      { grantee: 1 },
    )
      .limit(MAX_LINKS * subjects.length)
      .lean();
    return [...new Set(rows.map((r) => r.grantee))];
  }

  // --- parts ------------------------------------------------------------------------------

  private async claim(id: string, linkId: string): Promise<boolean> {
    try {
      await this.models.FamilyClaim.create({ _id: id, linkId, at: new Date() });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /** The link, its pair claim (one live link per two people) and both grants. */
  private async createLink(
    link: FamilyLinkDoc,
    aGrants: FamilyGrant,
    bGrants: FamilyGrant,
  ): Promise<FamilyLinkDoc> {
    const { communityId, a, b } = link;
    if ((await this.linksOf(communityId, a)).length >= MAX_LINKS)
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

  private async liveLink(communityId: string, linkId: string): Promise<FamilyLinkDoc> {
    const link = await this.models.FamilyLink.findById(linkId).lean();
    if (!link || link.communityId !== communityId || link.status !== 'active')
      throw notFound('No such family link.');
    return link;
  }

  private linksOf(communityId: string, accountId: string): Promise<FamilyLinkDoc[]> {
    return this.linkLists.linksOf(communityId, accountId);
  }

  private async requireMember(communityId: string, accountId: string): Promise<void> {
    if (!(await this.models.Membership.exists({ _id: membershipId(communityId, accountId) })))
      throw new HttpError(
        404,
        'member_not_found',
        'That person is not a member of this community.',
      );
  }

  private async displayNames(ids: string[]): Promise<Map<string, string>> {
    const rows = await byIds(ids, (id) =>
      this.models.Account.findById(id, { displayName: 1 }).lean(),
    );
    return new Map(rows.map((r) => [r._id, r.displayName]));
  }

  private async attributesOf(
    communityId: string,
    ids: string[],
  ): Promise<Map<string, MemberAttributes>> {
    if (!ids.length) return new Map();
    // From the caller cache (whole memberships, as it keeps them), the others by `_id`: `$in`
    // decodes every membership of every community on the local database, and households.me
    // asks this. A household is a few people.
    const rows = await this.callers.membershipsIn(communityId, ids, (missing) =>
      byIds(missing, (id) => this.models.Membership.findById(membershipId(communityId, id)).lean()),
    );
    return new Map(rows.map((r) => [r.accountId, cleanAttributes(r.attributes)]));
  }

  private async grantsOf(links: FamilyLinkDoc[]): Promise<Map<string, FamilyGrant>> {
    const ids = links.flatMap((l) => [
      grantId(l.communityId, l.a, l.b),
      grantId(l.communityId, l.b, l.a),
    ]);
    const rows = await byIds(ids, (id) => this.models.FamilyGrant.findById(id).lean());
    return new Map(rows.map((g: FamilyGrantDoc) => [g._id, { act: g.act, notify: g.notify }]));
  }

  private async viewsFor(
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

  private async operatorViews(links: FamilyLinkDoc[]): Promise<OperatorLinkView[]> {
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

function otherOf(link: FamilyLinkDoc, me: string): string | undefined {
  if (link.a === me) return link.b;
  if (link.b === me) return link.a;
  return undefined;
}

/** What the other person of the link is to `me` (the relation is stated from `a`'s side). */
function relationFor(link: FamilyLinkDoc, me: string): FamilyRelation | 'caredFor' {
  return link.a === me ? link.relation : INVERSE_RELATION[link.relation];
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

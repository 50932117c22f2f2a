import type { FamilyGrant, FamilyRelation } from '@scene/schema';
import { byIds } from '../../db/by-ids';
import { HttpError, notFound } from '../../http/errors';
import type { CommunityActor } from '../auth/actor';
import type { CallerCache } from '../auth/caller-cache';
import { membershipId, type AuthModels } from '../auth/model';
import { newId } from '../auth/secrets';
import { LoginThrottle } from '../auth/throttle';
import type { AuditService } from '../audit/service';
import { CODE_TRIES, codeHash, INVITE_TTL_MS, newInviteCode } from './codes';
import { householdKey } from './household-key';
import { FamilyLinks, pairId } from './links';
import { FamilyLinkLists, grantId, MAX_LINKS } from './link-lists';
import type { FamilyLinkDoc, HouseholdModels } from './model';
import {
  FamilyViews,
  otherOf,
  relationFor,
  type FamilyLinkView,
  type MeInCommunity,
  type OperatorLinkView,
} from './views';

export type { FamilyLinkView, MeInCommunity, OperatorLinkView } from './views';

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
  private readonly links: FamilyLinks;
  private readonly views: FamilyViews;

  constructor(
    private readonly models: HouseholdModels &
      Pick<AuthModels, 'Account' | 'Membership' | 'LoginAttempt'>,
    private readonly audit: AuditService,
    /** Keeps whom each member may act for (`me`); told when a grant to them is set or goes. */
    private readonly callers: CallerCache,
  ) {
    this.throttle = new LoginThrottle(models, CODE_TRIES);
    this.linkLists = new FamilyLinkLists(models);
    this.links = new FamilyLinks(models, this.linkLists, callers);
    this.views = new FamilyViews(models, callers);
  }

  // --- the people themselves --------------------------------------------------------------

  /** A one-time code the invited person enters within a day; shown once, stored as a hash. */
  async invite(
    actor: CommunityActor,
    input: { relation: FamilyRelation; grant: FamilyGrant },
  ): Promise<{ code: string; relation: FamilyRelation; expiresAt: string }> {
    const code = newInviteCode();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
    await this.models.FamilyInvite.deleteMany({
      communityId: actor.communityId,
      inviter: actor.accountId,
      expiresAt: { $lt: now },
    });
    await this.models.FamilyInvite.create({
      _id: codeHash(code),
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
    const hash = codeHash(input.code);
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
    if (!(await this.links.claim(`code|${hash}`, linkId)))
      throw new HttpError(409, 'code_used', 'This code has already been used.', {
        code: 'code_used',
        message: { 'zh-CN': '邀请码已被使用。', en: 'This code has already been used.' },
      });
    const link = await this.links
      .create(
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
      )
      .catch(async (err: unknown) => {
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
    return (await this.views.forMember(actor.communityId, actor.accountId, [link]))[0]!;
  }

  /** The links of the caller, as they see them. */
  async mine(actor: CommunityActor): Promise<FamilyLinkView[]> {
    const links = await this.linksOf(actor.communityId, actor.accountId);
    return this.views.forMember(actor.communityId, actor.accountId, links);
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
    return (await this.views.forMember(actor.communityId, actor.accountId, [link]))[0]!;
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
      this.views.displayNames(ids),
      this.views.attributesOf(actor.communityId, ids),
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
    const link = await this.links.create(
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
    return (await this.views.forOperator([link]))[0]!;
  }

  /** The community's live links (optionally one member's), for the operator. */
  async list(communityId: string, accountId?: string): Promise<OperatorLinkView[]> {
    const links = accountId
      ? await this.linksOf(communityId, accountId)
      : await this.models.FamilyLink.find({ communityId, status: 'active' })
          .sort({ createdAt: -1 })
          .limit(500)
          .lean();
    return this.views.forOperator(links);
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
}

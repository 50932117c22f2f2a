import { cleanAttributes, type MemberAttributes } from '@scene/schema';
import { isDuplicateKey } from '../../db/claims';
import type { CommunityActor } from '../auth/actor';
import type { CallerCache } from '../auth/caller-cache';
import type { AuditService } from '../audit/service';
import {
  membershipId,
  type AccountDoc,
  type AuthModels,
  type MembershipDoc,
  type MembershipRole,
} from '../auth/model';
import type { AuthService } from '../auth/service';
import { forbidden, HttpError, notFound } from '../../http/errors';
import { assertGrantable, type InstalledManifests } from './grants';
import { byIds } from '../../db/by-ids';
import { forgetMembership, membershipsOf, noteMembership } from '../auth/account-communities';

export interface MemberView {
  accountId: string;
  username: string;
  displayName: string;
  role: MembershipRole;
  pluginRoles: string[];
  attributes: MemberAttributes;
  since: string;
}

export interface AddMemberInput {
  username: string;
  role: MembershipRole;
  pluginRoles?: string[];
  /** With `password`: the new account's; without, admins enrol an existing account. */
  displayName?: string;
  password?: string;
}

/**
 * Memberships: who holds which role in a community. Admins manage every role; a community's
 * operators manage its staff and residents (never other operators).
 */
export class MemberService {
  constructor(
    private readonly models: AuthModels,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly callers: CallerCache,
    private readonly installations: InstalledManifests,
  ) {}

  private assertMayManage(actor: CommunityActor, role: MembershipRole): void {
    if (actor.communityRoles.includes('admin')) return;
    if (role === 'operator') throw forbidden('Only platform administrators manage operators.');
  }

  async list(
    communityId: string,
    filter: { role?: MembershipRole; limit: number },
  ): Promise<MemberView[]> {
    const query: Record<string, unknown> = { communityId };
    if (filter.role) query.role = filter.role;
    const memberships = await this.models.Membership.find(query)
      .sort({ createdAt: 1 })
      .limit(filter.limit)
      .lean();
    const accounts = await byIds(
      memberships.map((m) => m.accountId),
      (id) => this.models.Account.findById(id, { username: 1, displayName: 1 }).lean(),
    );
    const byId = new Map(accounts.map((a) => [a._id, a]));
    return memberships.map((m) => memberView(m, byId.get(m.accountId)));
  }

  /**
   * Operators create *new* accounts here (staff, or residents without a phone of their own). An
   * existing account is never pulled into a community by someone else: its owner accepts an
   * invitation code (joining.ts). The refusal is the same whether or not the username exists,
   * so this route tells an operator nothing about other people's accounts. Platform admins,
   * who see every account anyway, may still enrol an existing one (operators, for instance).
   */
  async add(actor: CommunityActor, input: AddMemberInput): Promise<MemberView> {
    this.assertMayManage(actor, input.role);
    await assertGrantable(this.installations, actor.communityId, input.pluginRoles ?? []);
    let account: AccountDoc | null;
    if (input.displayName && input.password) {
      const created = await this.auth.createAccount(
        { username: input.username, displayName: input.displayName, password: input.password },
        actor,
      );
      account = await this.auth.findByUsername(created.username);
    } else if (actor.communityRoles.includes('admin')) {
      account = await this.auth.findByUsername(input.username);
      if (!account) throw new HttpError(404, 'account_not_found', 'No such account.');
    } else {
      // Its own words: the code's shared words speak of a plugin's permissions.
      const message = {
        'zh-CN': '已有账号的人需用邀请码自己加入本社区。如要新建账号，请填写姓名和密码。',
        en: 'Someone who already has an account joins with an invitation code they accept themselves. To create a new account, give a display name and a password.',
      };
      throw new HttpError(403, 'consent_required', message.en, { message });
    }
    if (!account) throw notFound('No such account.');
    const now = new Date();
    const doc: MembershipDoc = {
      _id: membershipId(actor.communityId, account._id),
      communityId: actor.communityId,
      accountId: account._id,
      role: input.role,
      pluginRoles: [...new Set(input.pluginRoles ?? [])],
      createdAt: now,
      updatedAt: now,
    };
    await noteMembership(this.models.Membership, account._id, actor.communityId);
    try {
      await this.models.Membership.create(doc);
    } catch (err) {
      if (isDuplicateKey(err)) {
        throw new HttpError(
          409,
          'already_member',
          'This account is already a member; change its role instead.',
        );
      }
      throw err;
    }
    // Its list of memberships (auth.me) is kept per account.
    await this.callers.changed(account._id);
    await this.audit.record(actor, {
      action: 'membership.add',
      target: { type: 'account', id: account._id },
      communityId: actor.communityId,
      summary: { role: doc.role, pluginRoles: doc.pluginRoles },
    });
    return memberView(doc, account);
  }

  async update(
    actor: CommunityActor,
    accountId: string,
    patch: { role?: MembershipRole; pluginRoles?: string[]; attributes?: MemberAttributes },
  ): Promise<MemberView> {
    const current = await this.models.Membership.findById(
      membershipId(actor.communityId, accountId),
    ).lean();
    if (!current) throw notFound('No such member.');
    this.assertMayManage(actor, current.role);
    if (patch.role) this.assertMayManage(actor, patch.role);
    if (patch.pluginRoles)
      await assertGrantable(
        this.installations,
        actor.communityId,
        patch.pluginRoles,
        current.pluginRoles,
      );
    const set: Partial<MembershipDoc> = { updatedAt: new Date() };
    if (patch.role) set.role = patch.role;
    if (patch.pluginRoles) set.pluginRoles = [...new Set(patch.pluginRoles)];
    if (patch.attributes) set.attributes = cleanAttributes(patch.attributes);
    const doc = await this.models.Membership.findOneAndUpdate(
      { _id: current._id },
      { $set: set },
      { returnDocument: 'after' },
    ).lean();
    if (!doc) throw notFound('No such member.');
    await this.callers.changed(accountId);
    await this.audit.record(actor, {
      action: 'membership.update',
      target: { type: 'account', id: accountId },
      communityId: actor.communityId,
      summary: {
        before: { role: current.role, pluginRoles: current.pluginRoles },
        after: { role: doc.role, pluginRoles: doc.pluginRoles },
        // Which attributes changed, not their values: an age band is personal data.
        ...(patch.attributes ? { attributes: Object.keys(set.attributes ?? {}) } : {}),
      },
    });
    const account = await this.models.Account.findById(accountId, {
      username: 1,
      displayName: 1,
    }).lean();
    return memberView(doc, account ?? undefined);
  }

  async remove(actor: CommunityActor, accountId: string): Promise<void> {
    const current = await this.models.Membership.findById(
      membershipId(actor.communityId, accountId),
    ).lean();
    if (!current) throw notFound('No such member.');
    this.assertMayManage(actor, current.role);
    await this.models.Membership.deleteOne({ _id: current._id });
    await forgetMembership(this.models.Membership, accountId, actor.communityId);
    await this.callers.changed(accountId);
    await this.audit.record(actor, {
      action: 'membership.remove',
      target: { type: 'account', id: accountId },
      communityId: actor.communityId,
      summary: { role: current.role },
    });
  }

  /**
   * A new password for a member who forgot theirs, set by the community's operator after
   * checking who they are (the portal's 忘记密码 says to ask them). Only for an account that is
   * this community's alone: a resident or staff member here, a member of no other community and
   * holding no platform role — otherwise another community's people, or the platform, would be
   * in this operator's hands. Ends the person's sessions and tokens, as an admin's reset does.
   */
  async resetPassword(actor: CommunityActor, accountId: string, password: string): Promise<void> {
    const current = await this.models.Membership.findById(
      membershipId(actor.communityId, accountId),
    ).lean();
    if (!current) throw notFound('No such member.');
    if (actor.accountId === accountId)
      throw forbidden('Change your own password from your account, not here.');
    const account = await this.models.Account.findById(accountId).lean();
    if (!account) throw notFound('No such member.');
    const elsewhere = (await membershipsOf(this.models.Membership, accountId)).some(
      (m) => m.communityId !== actor.communityId,
    );
    if (
      !actor.communityRoles.includes('admin') &&
      (current.role === 'operator' || account.platformRoles.length > 0 || elsewhere)
    )
      throw new HttpError(
        403,
        'reset_not_here',
        'This account is not this community’s alone: a platform administrator resets its password.',
      );
    await this.auth.updateAccount(accountId, { password }, actor);
    await this.audit.record(actor, {
      action: 'membership.password-reset',
      target: { type: 'account', id: accountId },
      communityId: actor.communityId,
      summary: { role: current.role },
    });
  }

  /** For seeds: make sure an account holds a role (idempotent), with attributes when given. */
  async ensure(
    communityId: string,
    accountId: string,
    role: MembershipRole,
    pluginRoles: string[] = [],
    attributes?: MemberAttributes,
  ): Promise<void> {
    const now = new Date();
    await noteMembership(this.models.Membership, accountId, communityId);
    await this.models.Membership.updateOne(
      { _id: membershipId(communityId, accountId) },
      {
        $set: {
          role,
          pluginRoles,
          updatedAt: now,
          ...(attributes ? { attributes: cleanAttributes(attributes) } : {}),
        },
        $setOnInsert: { communityId, accountId, createdAt: now },
      },
      { upsert: true },
    );
    await this.callers.changed(accountId);
  }
}

function memberView(m: MembershipDoc, a?: { username: string; displayName: string }): MemberView {
  return {
    accountId: m.accountId,
    username: a?.username ?? '',
    displayName: a?.displayName ?? '',
    role: m.role,
    pluginRoles: m.pluginRoles,
    attributes: cleanAttributes(m.attributes),
    since: m.createdAt.toISOString(),
  };
}

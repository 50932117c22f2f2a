import { isDuplicateKey } from '../../db/claims';
import { HttpError } from '../../http/errors';
import type { AuditService } from '../audit/service';
import type { Actor } from './actor';
import { noteMembership } from './account-communities';
import type { CallerCache } from './caller-cache';
import { membershipId, type AuthModels } from './model';
import { assertStrongPassword } from './password-policy';
import type { AccountView, AuthService, MembershipView } from './service';

/** What an invitation code admits to: a community, with a role and plugin-role grants. */
export interface RedeemedInvitation {
  communityId: string;
  role: 'resident' | 'staff';
  pluginRoles: string[];
  /** Identifies the place taken, for `release`. */
  claim: string;
}

/** Redeems an invitation code for one place; given by the communities module. */
export interface InvitationRedeemer {
  redeem(code: string): Promise<RedeemedInvitation>;
  release(claim: string): Promise<void>;
}

/**
 * Joining a community, always by an invitation code: a new person registers with one, a person
 * who already has an account accepts one while signed in. Nobody is enrolled into a community
 * without holding its code (operators create new staff accounts directly, see members.ts).
 */
export class JoinService {
  constructor(
    private readonly models: AuthModels,
    private readonly auth: AuthService,
    private readonly invitations: InvitationRedeemer,
    private readonly audit: AuditService,
    private readonly communityNames: (ids: string[]) => Promise<Map<string, string>>,
    private readonly callers: CallerCache,
  ) {}

  /**
   * Self-registration with a community's invitation code; opens a session. The invitation is
   * checked first, so only its holder learns whether a username is taken.
   */
  async register(input: {
    invitationCode: string;
    username: string;
    displayName: string;
    password: string;
  }): Promise<{ token: string; expiresAt: Date; account: AccountView; communityId: string }> {
    await assertStrongPassword(input.password, [input.username, input.displayName]);
    const invitation = await this.invitations.redeem(input.invitationCode);
    let account: AccountView;
    try {
      account = await this.auth.createAccount(input);
    } catch (err) {
      await this.invitations.release(invitation.claim);
      throw err;
    }
    try {
      await this.addMembership(account.id, invitation);
    } catch (err) {
      // Undo by hand (no transactions): the account without a membership would block the name.
      await this.models.Account.deleteOne({ _id: account.id });
      await this.invitations.release(invitation.claim);
      throw err;
    }
    await this.audit.record(
      { accountId: account.id, platformRoles: [], communityRoles: [invitation.role] },
      {
        action: 'membership.register',
        target: { type: 'account', id: account.id },
        communityId: invitation.communityId,
        summary: { invitationId: invitation.claim.split(':')[0], role: invitation.role },
      },
    );
    const session = await this.auth.openSession(account.id);
    return { ...session, account, communityId: invitation.communityId };
  }

  /**
   * A signed-in person accepts an invitation to another community: the only way an existing
   * account joins one (operators cannot enrol someone else's account).
   */
  async join(actor: Actor, invitationCode: string): Promise<MembershipView> {
    const invitation = await this.invitations.redeem(invitationCode);
    try {
      await this.addMembership(actor.accountId, invitation);
    } catch (err) {
      await this.invitations.release(invitation.claim);
      if (isDuplicateKey(err)) {
        throw new HttpError(409, 'already_member', 'You already belong to this community.');
      }
      throw err;
    }
    await this.audit.record(actor, {
      action: 'membership.join',
      target: { type: 'account', id: actor.accountId },
      communityId: invitation.communityId,
      summary: { invitationId: invitation.claim.split(':')[0], role: invitation.role },
    });
    const names = await this.communityNames([invitation.communityId]);
    return {
      communityId: invitation.communityId,
      ...(names.has(invitation.communityId)
        ? { communityName: names.get(invitation.communityId) }
        : {}),
      role: invitation.role,
      pluginRoles: invitation.pluginRoles,
    };
  }

  private async addMembership(accountId: string, invitation: RedeemedInvitation): Promise<void> {
    const now = new Date();
    await noteMembership(this.models.Membership, accountId, invitation.communityId);
    await this.models.Membership.create({
      _id: membershipId(invitation.communityId, accountId),
      communityId: invitation.communityId,
      accountId,
      role: invitation.role,
      pluginRoles: invitation.pluginRoles,
      createdAt: now,
      updatedAt: now,
    });
    // Its list of memberships (auth.me) is kept per account.
    await this.callers.changed(accountId);
  }
}

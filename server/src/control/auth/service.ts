import { isDuplicateKey } from '../../db/claims';
import type { Config } from '../../config';
import type { AuditService } from '../audit/service';
import { conflict, forbidden, HttpError, notFound, unauthorized } from '../../http/errors';
import type { Actor, PlatformRole } from './actor';
import type { AccountDoc, AuthModels, MembershipDoc, PlatformAccountRole } from './model';
import { hashPassword, newId, randomToken, sha256, verifyPassword } from './secrets';
import { LoginThrottle } from './throttle';

export interface AccountView {
  id: string;
  username: string;
  displayName: string;
  platformRoles: PlatformAccountRole[];
  vendorId?: string;
  disabled: boolean;
  createdAt: string;
}

export interface MembershipView {
  communityId: string;
  communityName?: string;
  role: MembershipDoc['role'];
  pluginRoles: string[];
}

/** Redeems an invitation code for one resident place; given by the communities module. */
export interface InvitationRedeemer {
  /** Takes one place; `claim` identifies it for `release`. */
  redeem(code: string): Promise<{ communityId: string; claim: string }>;
  release(claim: string): Promise<void>;
}

export interface NewAccount {
  username: string;
  displayName: string;
  password: string;
  platformRoles?: PlatformAccountRole[];
  vendorId?: string;
}

// Hashing a password nobody has keeps a login for an unknown username as slow as a real one.
let dummyHash: Promise<string> | undefined;

/** Accounts, sessions, API tokens and the login throttle. */
export class AuthService {
  readonly throttle: LoginThrottle;
  constructor(
    private readonly models: AuthModels,
    private readonly config: Pick<Config, 'passwordLog2N' | 'sessionTtlMs'>,
    private readonly audit: AuditService,
    private readonly communityNames: (ids: string[]) => Promise<Map<string, string>>,
    private readonly invitations: InvitationRedeemer,
  ) {
    this.throttle = new LoginThrottle(models);
  }

  private get cost() {
    return { log2N: this.config.passwordLog2N, r: 8, p: 1 };
  }

  async createAccount(input: NewAccount, by?: Actor): Promise<AccountView> {
    const roles = [...new Set(input.platformRoles ?? [])];
    if (roles.includes('vendor') && !input.vendorId) {
      throw new HttpError(400, 'vendor_id_required', 'A vendor account needs a vendorId.');
    }
    const now = new Date();
    const doc: AccountDoc = {
      _id: newId(),
      username: input.username.toLowerCase(),
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password, this.cost),
      platformRoles: roles,
      ...(input.vendorId ? { vendorId: input.vendorId } : {}),
      disabled: false,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.models.Account.create(doc);
    } catch (err) {
      if (isDuplicateKey(err)) {
        throw new HttpError(409, 'username_taken', 'This username is taken.');
      }
      throw err;
    }
    if (by) {
      await this.audit.record(by, {
        action: 'account.create',
        target: { type: 'account', id: doc._id },
        summary: { platformRoles: roles, ...(input.vendorId ? { vendorId: input.vendorId } : {}) },
      });
    }
    return accountView(doc);
  }

  async findByUsername(username: string): Promise<AccountDoc | null> {
    return this.models.Account.findOne({ username: username.toLowerCase() }).lean();
  }

  async listAccounts(filter: { q?: string; limit: number }): Promise<AccountView[]> {
    const query: Record<string, unknown> = {};
    if (filter.q) query.username = { $regex: `^${escapeRegex(filter.q.toLowerCase())}` };
    const docs = await this.models.Account.find(query)
      .sort({ username: 1 })
      .limit(filter.limit)
      .lean();
    return docs.map(accountView);
  }

  async updateAccount(
    accountId: string,
    patch: Partial<Pick<NewAccount, 'displayName' | 'password' | 'platformRoles' | 'vendorId'>> & {
      disabled?: boolean;
    },
    by: Actor,
  ): Promise<AccountView> {
    const current = await this.models.Account.findById(accountId).lean();
    if (!current) throw notFound('No such account.');
    const set: Partial<AccountDoc> = { updatedAt: new Date() };
    if (patch.displayName !== undefined) set.displayName = patch.displayName;
    if (patch.password !== undefined)
      set.passwordHash = await hashPassword(patch.password, this.cost);
    if (patch.platformRoles !== undefined) set.platformRoles = [...new Set(patch.platformRoles)];
    if (patch.vendorId !== undefined) set.vendorId = patch.vendorId;
    if (patch.disabled !== undefined) set.disabled = patch.disabled;
    const roles = set.platformRoles ?? current.platformRoles;
    if (roles.includes('vendor') && !(set.vendorId ?? current.vendorId)) {
      throw new HttpError(400, 'vendor_id_required', 'A vendor account needs a vendorId.');
    }
    if (
      accountId === by.accountId &&
      (patch.disabled || (set.platformRoles && !roles.includes('admin')))
    ) {
      throw conflict('You cannot disable yourself or remove your own admin role.');
    }
    const updated = await this.models.Account.findOneAndUpdate(
      { _id: accountId },
      { $set: set },
      { returnDocument: 'after' },
    ).lean();
    if (!updated) throw notFound('No such account.');
    if (patch.disabled || patch.password !== undefined) {
      // A disabled account or a reset password ends every session and token of the account.
      await this.models.Session.deleteMany({ accountId });
      if (patch.disabled) {
        await this.models.ApiToken.updateMany(
          { accountId, revokedAt: null },
          { $set: { revokedAt: new Date() } },
        );
      }
    }
    await this.audit.record(by, {
      action: 'account.update',
      target: { type: 'account', id: accountId },
      // Field names only: the values (names, password) are personal or secret.
      summary: { fields: Object.keys(patch).sort() },
    });
    return accountView(updated);
  }

  /** Checks the password (throttled per username) and opens a session. */
  async login(
    username: string,
    password: string,
  ): Promise<{ token: string; expiresAt: Date; account: AccountView }> {
    const name = username.toLowerCase();
    await this.throttle.attempt(name);
    const account = await this.models.Account.findOne({ username: name }).lean();
    dummyHash ??= hashPassword(randomToken(), this.cost);
    const ok = await verifyPassword(password, account?.passwordHash ?? (await dummyHash));
    if (!account || !ok || account.disabled) {
      throw new HttpError(401, 'invalid_credentials', 'The username or password is wrong.');
    }
    await this.throttle.succeeded(name);
    const session = await this.openSession(account._id);
    return { ...session, account: accountView(account) };
  }

  async openSession(accountId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlMs);
    await this.models.Session.create({
      _id: newId(),
      tokenHash: sha256(token),
      accountId,
      createdAt: now,
      expiresAt,
    });
    // No TTL indexes on FerretDB: expired sessions of this account are swept at each login.
    await this.models.Session.deleteMany({ accountId, expiresAt: { $lte: now } });
    return { token, expiresAt };
  }

  async logout(sessionToken: string | undefined): Promise<void> {
    if (sessionToken) await this.models.Session.deleteOne({ tokenHash: sha256(sessionToken) });
  }

  /** The account behind a session cookie value, if the session is live. */
  async accountForSession(token: string): Promise<AccountDoc | undefined> {
    const session = await this.models.Session.findOne({ tokenHash: sha256(token) }).lean();
    if (!session || session.expiresAt <= new Date()) return undefined;
    return this.liveAccount(session.accountId);
  }

  /** The account behind a bearer API token, if the token is live. */
  async accountForApiToken(token: string): Promise<AccountDoc | undefined> {
    const now = new Date();
    const doc = await this.models.ApiToken.findOneAndUpdate(
      { tokenHash: sha256(token), revokedAt: null },
      { $set: { lastUsedAt: now } },
      { returnDocument: 'after' },
    ).lean();
    if (!doc || (doc.expiresAt && doc.expiresAt <= now)) return undefined;
    return this.liveAccount(doc.accountId);
  }

  private async liveAccount(accountId: string): Promise<AccountDoc | undefined> {
    const account = await this.models.Account.findById(accountId).lean();
    return account && !account.disabled ? account : undefined;
  }

  async me(actor: Actor): Promise<{ account: AccountView; memberships: MembershipView[] }> {
    const account = await this.models.Account.findById(actor.accountId).lean();
    if (!account) throw unauthorized();
    const memberships = await this.models.Membership.find({ accountId: actor.accountId })
      .sort({ communityId: 1 })
      .lean();
    const names = await this.communityNames(memberships.map((m) => m.communityId));
    return {
      account: accountView(account),
      memberships: memberships.map((m) => ({
        communityId: m.communityId,
        ...(names.has(m.communityId) ? { communityName: names.get(m.communityId) } : {}),
        role: m.role,
        pluginRoles: m.pluginRoles,
      })),
    };
  }

  /** Resident self-registration with a community's invitation code; opens a session. */
  async register(input: {
    invitationCode: string;
    username: string;
    displayName: string;
    password: string;
  }): Promise<{ token: string; expiresAt: Date; account: AccountView; communityId: string }> {
    if (await this.findByUsername(input.username)) {
      throw new HttpError(409, 'username_taken', 'This username is taken.');
    }
    const invitation = await this.invitations.redeem(input.invitationCode);
    let account: AccountView;
    try {
      account = await this.createAccount(input);
    } catch (err) {
      await this.invitations.release(invitation.claim);
      throw err;
    }
    const now = new Date();
    try {
      await this.models.Membership.create({
        _id: newId(),
        communityId: invitation.communityId,
        accountId: account.id,
        role: 'resident',
        pluginRoles: [],
        createdAt: now,
        updatedAt: now,
      });
    } catch (err) {
      // Undo by hand (no transactions): the account without a membership would block the name.
      await this.models.Account.deleteOne({ _id: account.id });
      await this.invitations.release(invitation.claim);
      throw err;
    }
    await this.audit.record(
      { accountId: account.id, platformRoles: [], communityRoles: ['resident'] },
      {
        action: 'membership.register',
        target: { type: 'account', id: account.id },
        communityId: invitation.communityId,
        summary: { invitationId: invitation.claim.split(':')[0] },
      },
    );
    const session = await this.openSession(account.id);
    return { ...session, account, communityId: invitation.communityId };
  }

  async createApiToken(actor: Actor, input: { name: string; expiresInDays?: number }) {
    if (!actor.platformRoles.some((r) => r === 'vendor' || r === 'admin')) throw forbidden();
    const token = `scn_${randomToken()}`;
    const now = new Date();
    const doc = {
      _id: newId(),
      tokenHash: sha256(token),
      accountId: actor.accountId,
      name: input.name,
      prefix: token.slice(0, 10),
      createdAt: now,
      ...(input.expiresInDays
        ? { expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000) }
        : {}),
    };
    await this.models.ApiToken.create(doc);
    await this.audit.record(actor, {
      action: 'token.create',
      target: { type: 'api-token', id: doc._id },
    });
    return { ...tokenView(doc), token };
  }

  async listApiTokens(actor: Actor) {
    const docs = await this.models.ApiToken.find({ accountId: actor.accountId })
      .sort({ createdAt: -1 })
      .lean();
    return docs.map(tokenView);
  }

  async revokeApiToken(actor: Actor, tokenId: string): Promise<void> {
    const res = await this.models.ApiToken.updateOne(
      { _id: tokenId, accountId: actor.accountId, revokedAt: null },
      { $set: { revokedAt: new Date() } },
    );
    if (res.matchedCount === 0) throw notFound('No such live token.');
    await this.audit.record(actor, {
      action: 'token.revoke',
      target: { type: 'api-token', id: tokenId },
    });
  }
}

export function toActor(account: AccountDoc): Actor {
  return {
    accountId: account._id,
    username: account.username,
    displayName: account.displayName,
    platformRoles: account.platformRoles as PlatformRole[],
    ...(account.vendorId ? { vendorId: account.vendorId } : {}),
  };
}

export function accountView(d: AccountDoc): AccountView {
  return {
    id: d._id,
    username: d.username,
    displayName: d.displayName,
    platformRoles: d.platformRoles,
    ...(d.vendorId ? { vendorId: d.vendorId } : {}),
    disabled: d.disabled,
    createdAt: d.createdAt.toISOString(),
  };
}

function tokenView(d: {
  _id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  expiresAt?: Date;
  lastUsedAt?: Date;
  revokedAt?: Date;
}) {
  return {
    id: d._id,
    name: d.name,
    prefix: d.prefix,
    createdAt: d.createdAt.toISOString(),
    ...(d.expiresAt ? { expiresAt: d.expiresAt.toISOString() } : {}),
    ...(d.lastUsedAt ? { lastUsedAt: d.lastUsedAt.toISOString() } : {}),
    ...(d.revokedAt ? { revokedAt: d.revokedAt.toISOString() } : {}),
  };
}

export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

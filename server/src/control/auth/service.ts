import { isDuplicateKey } from '../../db/claims';
import type { Config } from '../../config';
import type { AuditService } from '../audit/service';
import { conflict, HttpError, notFound, unauthorized } from '../../http/errors';
import type { Actor, PlatformRole } from './actor';
import type {
  AccountDoc,
  AuthModels,
  MembershipDoc,
  PlatformAccountRole,
  TokenScope,
} from './model';
import { assertStrongPassword } from './password-policy';
import { hashPassword, newId, randomToken, sha256, verifyPassword } from './secrets';
import { LoginThrottle } from './throttle';
import type { ApiTokens } from './tokens';
import { forgetAccount, membershipsOf } from './account-communities';
import type { CallerCache } from './caller-cache';

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

export interface NewAccount {
  username: string;
  displayName: string;
  password: string;
  platformRoles?: PlatformAccountRole[];
  vendorId?: string;
}

// Hashing a password nobody has keeps a login for an unknown username as slow as a real one.
let dummyHash: Promise<string> | undefined;

/** Accounts, passwords, sessions and the login throttle. */
export class AuthService {
  readonly throttle: LoginThrottle;
  constructor(
    private readonly models: AuthModels,
    private readonly config: Pick<Config, 'passwordLog2N' | 'sessionTtlMs'>,
    private readonly audit: AuditService,
    private readonly communityNames: (ids: string[]) => Promise<Map<string, string>>,
    private readonly tokens: ApiTokens,
    private readonly callers: CallerCache,
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
    await assertStrongPassword(input.password, [input.username, input.displayName]);
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
    if (patch.password !== undefined) {
      await assertStrongPassword(patch.password, [
        current.username,
        patch.displayName ?? current.displayName,
      ]);
    }
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
      await this.tokens.revokeAll(accountId);
    }
    await this.callers.changed(accountId);
    await this.audit.record(by, {
      action: 'account.update',
      target: { type: 'account', id: accountId },
      // Field names only: the values (names, password) are personal or secret.
      summary: { fields: Object.keys(patch).sort() },
    });
    return accountView(updated);
  }

  /** Checks the password (throttled per account and source address) and opens a session. */
  async login(
    username: string,
    password: string,
    address: string,
  ): Promise<{ token: string; expiresAt: Date; account: AccountView }> {
    const account = await this.checkPassword(username, password, address);
    const session = await this.openSession(account._id);
    return { ...session, account: accountView(account) };
  }

  /**
   * The live account whose password this is, through the throttle; 401 `invalid_credentials`
   * otherwise, as slow for an unknown username as for a wrong password.
   */
  private async checkPassword(
    username: string,
    password: string,
    address: string,
  ): Promise<AccountDoc> {
    const name = username.toLowerCase();
    await this.throttle.attempt(name, address);
    const account = await this.models.Account.findOne({ username: name }).lean();
    dummyHash ??= hashPassword(randomToken(), this.cost);
    const ok = await verifyPassword(password, account?.passwordHash ?? (await dummyHash));
    if (!account || !ok || account.disabled) {
      throw new HttpError(401, 'invalid_credentials', 'The username or password is wrong.');
    }
    await this.throttle.succeeded(name, address);
    return account;
  }

  /**
   * A signed-in person changes their own password (the current one is checked, throttled like a
   * login). Every other session and every API token of the account ends; a new session is
   * opened for the caller.
   */
  async changePassword(
    actor: Actor,
    input: { currentPassword: string; newPassword: string },
    address: string,
  ): Promise<{ token: string; expiresAt: Date }> {
    const account = await this.checkPassword(actor.username, input.currentPassword, address);
    await assertStrongPassword(input.newPassword, [account.username, account.displayName]);
    await this.models.Account.updateOne(
      { _id: account._id },
      {
        $set: {
          passwordHash: await hashPassword(input.newPassword, this.cost),
          updatedAt: new Date(),
        },
      },
    );
    await this.models.Session.deleteMany({ accountId: account._id });
    await this.tokens.revokeAll(account._id);
    await this.callers.changed(account._id);
    await this.audit.record(actor, {
      action: 'account.password-change',
      target: { type: 'account', id: account._id },
    });
    return this.openSession(account._id);
  }

  /** Checks a signed-in person's own password again before something that cannot be undone. */
  async confirmPassword(actor: Actor, password: string, address: string): Promise<void> {
    await this.checkPassword(actor.username, password, address);
  }

  async openSession(accountId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlMs);
    // Keyed by the token's hash: every request finds its session by `_id`, which the local
    // database reads without a scan.
    await this.models.Session.create({ _id: sha256(token), accountId, createdAt: now, expiresAt });
    return { token, expiresAt };
  }

  async logout(sessionToken: string | undefined): Promise<void> {
    if (!sessionToken) return;
    const session = await this.models.Session.findOneAndDelete({
      _id: sha256(sessionToken),
    }).lean();
    if (session) await this.callers.changed(session.accountId);
  }

  /**
   * Who is behind a session cookie value, if the session is live: from the caller cache when
   * this process has seen the session and the account since they last changed (no round trip),
   * else read and kept.
   */
  async actorForSession(token: string): Promise<Actor | undefined> {
    const _id = sha256(token);
    const wait = this.callers.synced();
    if (wait) await wait;
    const now = new Date();
    const known = this.callers.session(_id);
    const actor = known && known.expiresAt > now && this.callers.account(known.accountId);
    if (actor) return actor;
    const session = await this.models.Session.findById(_id).lean();
    if (!session) return undefined;
    // An expired session that comes back is removed then; those that never come back go in
    // removeExpiredSessions.
    if (session.expiresAt <= now) {
      await this.models.Session.deleteOne({ _id });
      return undefined;
    }
    const account = await this.liveAccount(session.accountId);
    if (!account) return undefined;
    const found = toActor(account);
    this.callers.keepSession(_id, { accountId: session.accountId, expiresAt: session.expiresAt });
    this.callers.keepAccount(found);
    return found;
  }

  /**
   * Removes every expired session (no TTL indexes on the local database): one pass over the
   * sessions, run now and then by the server process (server.ts), never by a request.
   */
  async removeExpiredSessions(now = new Date()): Promise<number> {
    const { deletedCount } = await this.models.Session.deleteMany({ expiresAt: { $lte: now } });
    return deletedCount;
  }

  /** The account behind a bearer API token, with the token's scopes, if the token is live. */
  async accountForApiToken(
    token: string,
  ): Promise<{ account: AccountDoc; scopes: TokenScope[] } | undefined> {
    const found = await this.tokens.lookup(token);
    const account = found && (await this.liveAccount(found.accountId));
    return account ? { account, scopes: found.scopes } : undefined;
  }

  liveAccountById(accountId: string): Promise<AccountDoc | undefined> {
    return this.liveAccount(accountId);
  }

  private async liveAccount(accountId: string): Promise<AccountDoc | undefined> {
    const account = await this.models.Account.findById(accountId).lean();
    return account && !account.disabled ? account : undefined;
  }

  async me(actor: Actor): Promise<{ account: AccountView; memberships: MembershipView[] }> {
    const account = await this.models.Account.findById(actor.accountId).lean();
    if (!account) throw unauthorized();
    const memberships = await this.callers.readThrough(
      `memberships|${actor.accountId}`,
      actor.accountId,
      () => membershipsOf(this.models.Membership, actor.accountId),
    );
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

  /**
   * Closes an account for good (its owner's choice): memberships, sessions, tokens, throttle
   * records and the account itself are deleted; the username becomes free. What the person
   * created is handled by the data plane first. Accounts with platform roles are closed by an
   * administrator (disable), so a platform never loses its last admin this way.
   */
  async closeAccount(actor: Actor): Promise<void> {
    const account = await this.models.Account.findById(actor.accountId).lean();
    if (!account) throw unauthorized();
    if (account.platformRoles.length > 0) {
      throw conflict('Accounts with platform roles are closed by an administrator.');
    }
    await this.models.Membership.deleteMany({ accountId: account._id });
    await forgetAccount(this.models.Membership, account._id);
    await this.models.Session.deleteMany({ accountId: account._id });
    await this.models.ApiToken.deleteMany({ accountId: account._id });
    await this.throttle.forget(account.username);
    await this.models.Account.deleteOne({ _id: account._id });
    await this.callers.changed(account._id);
    await this.audit.record(actor, {
      action: 'account.close',
      target: { type: 'account', id: account._id },
    });
  }
}

export function toActor(account: AccountDoc, tokenScopes?: TokenScope[]): Actor {
  return {
    accountId: account._id,
    username: account.username,
    displayName: account.displayName,
    platformRoles: account.platformRoles as PlatformRole[],
    ...(account.vendorId ? { vendorId: account.vendorId } : {}),
    ...(tokenScopes ? { tokenScopes } : {}),
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

export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

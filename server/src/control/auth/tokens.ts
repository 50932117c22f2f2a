import type { AuditService } from '../audit/service';
import { forbidden, notFound } from '../../http/errors';
import type { Actor } from './actor';
import type { ApiTokenDoc, AuthModels, TokenScope } from './model';
import { newId, randomToken, sha256 } from './secrets';

export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;

/**
 * API tokens for the CLI and scripts. A token acts for its account but only within its scopes:
 * `read` (GET requests) and `plugins:publish` (publishing plugin versions to the registry); any
 * other write — minting tokens, changing passwords or accounts — needs a signed-in session.
 * Every token expires (90 days unless asked otherwise, at most a year) and all of an account's
 * tokens are revoked when its password is reset or changed, or the account is disabled.
 * Only a SHA-256 of the value is stored.
 */
export class ApiTokens {
  constructor(
    private readonly models: AuthModels,
    private readonly audit: AuditService,
  ) {}

  async create(
    actor: Actor,
    input: { name: string; scopes: TokenScope[]; expiresInDays?: number },
  ): Promise<TokenView & { token: string }> {
    if (!actor.platformRoles.some((r) => r === 'vendor' || r === 'admin')) throw forbidden();
    const token = `scn_${randomToken()}`;
    const now = new Date();
    const days = input.expiresInDays ?? DEFAULT_TOKEN_DAYS;
    const doc: ApiTokenDoc = {
      _id: newId(),
      tokenHash: sha256(token),
      accountId: actor.accountId,
      name: input.name,
      scopes: [...new Set(input.scopes)],
      prefix: token.slice(0, 10),
      createdAt: now,
      expiresAt: new Date(now.getTime() + days * 86_400_000),
    };
    await this.models.ApiToken.create(doc);
    await this.audit.record(actor, {
      action: 'token.create',
      target: { type: 'api-token', id: doc._id },
      summary: { scopes: doc.scopes, expiresAt: doc.expiresAt.toISOString() },
    });
    return { ...tokenView(doc), token };
  }

  async list(actor: Actor): Promise<TokenView[]> {
    const docs = await this.models.ApiToken.find({ accountId: actor.accountId })
      .sort({ createdAt: -1 })
      .lean();
    return docs.map(tokenView);
  }

  async revoke(actor: Actor, tokenId: string): Promise<void> {
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

  /** Revokes every live token of an account (password reset or change, account disabled). */
  async revokeAll(accountId: string): Promise<void> {
    await this.models.ApiToken.updateMany(
      { accountId, revokedAt: null },
      { $set: { revokedAt: new Date() } },
    );
  }

  /** The live token behind a bearer value: its account and scopes. */
  async lookup(token: string): Promise<{ accountId: string; scopes: TokenScope[] } | undefined> {
    const now = new Date();
    const doc = await this.models.ApiToken.findOneAndUpdate(
      { tokenHash: sha256(token), revokedAt: null },
      { $set: { lastUsedAt: now } },
      { returnDocument: 'after' },
    ).lean();
    // Tokens from before expiry was required have none: they count as expired.
    if (!doc?.expiresAt || doc.expiresAt <= now) return undefined;
    return { accountId: doc.accountId, scopes: doc.scopes ?? [] };
  }
}

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  createdAt: string;
  expiresAt?: string;
  lastUsedAt?: string;
  revokedAt?: string;
}

function tokenView(d: ApiTokenDoc): TokenView {
  return {
    id: d._id,
    name: d.name,
    prefix: d.prefix,
    scopes: d.scopes ?? [],
    createdAt: d.createdAt.toISOString(),
    ...(d.expiresAt ? { expiresAt: d.expiresAt.toISOString() } : {}),
    ...(d.lastUsedAt ? { lastUsedAt: d.lastUsedAt.toISOString() } : {}),
    ...(d.revokedAt ? { revokedAt: d.revokedAt.toISOString() } : {}),
  };
}

/** Whether a token with `scopes` may call a route: reads need `read`, writes the route's scope. */
export function tokenMayCall(
  scopes: readonly TokenScope[],
  method: string,
  routeScope: TokenScope | undefined,
): boolean {
  if (method === 'get') return scopes.includes('read');
  return routeScope !== undefined && scopes.includes(routeScope);
}

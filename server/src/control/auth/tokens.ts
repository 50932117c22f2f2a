import type { AuditService } from '../audit/service';
import { isDuplicateKey } from '../../db/errors';
import { forbidden, notFound } from '../../http/errors';
import type { Actor } from './actor';
import type { ApiTokenDoc, AuthModels, TokenScope } from './model';
import { newId, randomToken, sha256 } from './secrets';

export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;
/** How stale a token's "last used" may be. */
const LAST_USED_STEP_MS = 3_600_000;

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
      _id: sha256(token),
      ref: newId(),
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
      target: { type: 'api-token', id: doc.ref },
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
      { ref: tokenId, accountId: actor.accountId, revokedAt: null },
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

  /**
   * The live token behind a bearer value: its account and scopes. One read by `_id`; when it was
   * last used is written at most once an hour, not on every request a script makes.
   */
  async lookup(token: string): Promise<{ accountId: string; scopes: TokenScope[] } | undefined> {
    const now = new Date();
    const doc = await this.models.ApiToken.findById(sha256(token)).lean();
    // Tokens from before expiry was required have none: they count as expired.
    if (!doc || doc.revokedAt || !doc.expiresAt || doc.expiresAt <= now) return undefined;
    if (!doc.lastUsedAt || now.getTime() - doc.lastUsedAt.getTime() >= LAST_USED_STEP_MS)
      await this.models.ApiToken.updateOne({ _id: doc._id }, { $set: { lastUsedAt: now } });
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
    id: d.ref,
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

/**
 * Tokens of an earlier release were keyed by a random id and found by scanning their hash: each
 * is stored again under its hash, keeping its old id as the one its owner sees. Run at start.
 */
export async function rekeyLegacyTokens(model: AuthModels['ApiToken']): Promise<number> {
  const tokens = model.db.collection<ApiTokenDoc & { tokenHash?: string }>(
    model.collection.collectionName,
  );
  const legacy = await tokens.find({ tokenHash: { $exists: true } }).toArray();
  for (const { tokenHash, _id, ...rest } of legacy) {
    await tokens.insertOne({ ...rest, _id: tokenHash!, ref: _id }).catch((err: unknown) => {
      // Already copied by a start that stopped before removing the old document.
      if (!isDuplicateKey(err)) throw err;
    });
    await tokens.deleteOne({ _id });
  }
  return legacy.length;
}

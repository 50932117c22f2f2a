import { cleanAttributes } from '@scene/schema';
import type { Request, Response } from 'express';
import type { Config } from '../../config';
import type { CallerResolver } from '../../http/router';
import type { Actor, CommunityActor } from './actor';
import type { CallerCache } from './caller-cache';
import { membershipId, type AuthModels } from './model';
import { toActor, type AuthService } from './service';

export const SESSION_COOKIE = 'scene_session';

/** The value of one cookie from the Cookie header (no dependency needed for one name). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{16,128}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  const match = header && /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(header.trim());
  return match ? match[1] : undefined;
}

export function setSessionCookie(
  res: Response,
  config: Pick<Config, 'mode'>,
  token: string,
  expires: Date,
): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.mode === 'production',
    path: '/',
    expires,
  });
}

export function clearSessionCookie(res: Response, config: Pick<Config, 'mode'>): void {
  res.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.mode === 'production',
    path: '/',
  });
}

/**
 * Turns a request into an `Actor`: a bearer API token (CLI, scripts) wins over the session cookie
 * (browser apps). Looked up once per request.
 */
export class Callers implements CallerResolver {
  private readonly cache = new WeakMap<Request, Promise<Actor | undefined>>();
  constructor(
    private readonly auth: AuthService,
    private readonly models: AuthModels,
    private readonly known: CallerCache,
  ) {}

  resolve(req: Request): Promise<Actor | undefined> {
    let found = this.cache.get(req);
    if (!found) {
      found = this.lookup(req);
      this.cache.set(req, found);
    }
    return found;
  }

  private async lookup(req: Request): Promise<Actor | undefined> {
    const bearer = bearerToken(req);
    if (bearer) {
      const found = await this.auth.accountForApiToken(bearer);
      return found && toActor(found.account, found.scopes);
    }
    const session = readCookie(req, SESSION_COOKIE);
    if (!session) return undefined;
    return this.auth.actorForSession(session);
  }

  /** The caller in one community: their membership from the caller cache, else read (and kept). */
  async inCommunity(actor: Actor, communityId: string): Promise<CommunityActor | undefined> {
    const wait = this.known.synced();
    if (wait) await wait;
    let membership = this.known.membership(actor.accountId, communityId);
    if (!membership) {
      membership =
        (await this.models.Membership.findById(
          membershipId(communityId, actor.accountId),
        ).lean()) ?? undefined;
      if (membership) this.known.keepMembership(membership);
    }
    const roles = new Set<string>();
    if (actor.platformRoles.includes('admin')) roles.add('admin');
    if (membership) {
      roles.add(membership.role);
      for (const r of membership.pluginRoles) roles.add(r);
    }
    if (roles.size === 0) return undefined;
    return {
      ...actor,
      communityId,
      communityRoles: [...roles],
      attributes: cleanAttributes(membership?.attributes),
    };
  }
}

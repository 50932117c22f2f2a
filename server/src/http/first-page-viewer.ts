import type { Request } from 'express';
import { bearerToken, readCookie, SESSION_COOKIE } from '../control/auth/caller';
import { unreadCount } from '../data/notifications/service';
import type { Services } from '../services';

/**
 * Who the first page is drawn for: exactly what the portal would ask for right after loading
 * (`GET /auth/me`, `GET /communities/:id/me`, the unread count), answered by the same services,
 * so the browser hydrates the page with it and asks for none of it again.
 */
export interface FirstPageViewer {
  me: Awaited<ReturnType<Services['auth']['me']>>;
  here: Awaited<ReturnType<Services['households']['me']>> | null;
  unread: number;
}

export type ViewerSource = (
  req: Request,
  communityId: string,
) => Promise<FirstPageViewer | undefined>;

/**
 * The member a page request comes from, by its session cookie; undefined for a visitor, an
 * expired or unknown session, an API token (scripts get no pages drawn for them) and anyone who
 * is not a member of this community — they all get the page a visitor gets.
 */
export function firstPageViewer(services: Services): ViewerSource {
  const { auth, callers, households, dataPlane } = services;
  return async (req, communityId) => {
    if (bearerToken(req)) return undefined;
    const token = readCookie(req, SESSION_COOKIE);
    if (!token) return undefined;
    const actor = await auth.actorForSession(token);
    if (!actor) return undefined;
    const me = await auth.me(actor);
    // Members only: a platform admin's roles elsewhere draw nothing here on the server.
    if (!me.memberships.some((m) => m.communityId === communityId)) return undefined;
    const member = await callers.inCommunity(actor, communityId);
    if (!member) return undefined;
    const [here, unread] = await Promise.all([
      households.me(member),
      unreadCount(dataPlane.connection.db!, actor.accountId, communityId),
    ]);
    return { me, here, unread };
  };
}

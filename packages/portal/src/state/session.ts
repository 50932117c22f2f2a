import type { MeInCommunity } from '@scene/client/family';
import type { Me } from '@scene/client/session';
import type { PortalApi } from '../api';
import { reactive } from 'vue';
import type { RuntimeUser } from '@scene/renderer';
import { safeStorage } from './storage';

// Set while this browser holds a session, so anonymous visits skip the /me call (and its 401).
const HINT = 'scene.signedIn';
const ME_COPY = 'scene.me';

export interface Session {
  me: Me | null;
  /** The signed-in person with their roles in this community; null when anonymous. */
  user: RuntimeUser | null;
  /** Signed in but not a member of this community. */
  outsider: boolean;
}

/**
 * The renderer's user for one community: membership role, plugin roles, and admin; with what
 * the operator recorded of them and the family members who allowed them to act for them.
 */
export function userFor(
  me: Me | null,
  communityId: string,
  here?: MeInCommunity | null,
): RuntimeUser | null {
  if (!me) return null;
  const membership = me.memberships.find((m) => m.communityId === communityId);
  const roles = new Set<string>();
  if (me.account.platformRoles.includes('admin')) roles.add('admin');
  if (membership) {
    roles.add(membership.role);
    for (const r of membership.pluginRoles) roles.add(r);
  }
  return {
    id: me.account.id,
    displayName: me.account.displayName,
    roles: [...roles],
    communityId,
    ...(here
      ? {
          attributes: here.attributes,
          actsFor: here.actsFor.map((p) => ({
            id: p.accountId,
            displayName: p.displayName,
            relation: p.relation,
            attributes: p.attributes,
          })),
        }
      : {}),
  };
}

export function createSession(api: Pick<PortalApi, 'communityId' | 'session' | 'family'>) {
  const state = reactive<Session>({ me: null, user: null, outsider: false });
  /** Me in this community (attributes, whom I may act for); members only. */
  const here = async (me: Me | null) =>
    me?.memberships.some((m) => m.communityId === api.communityId)
      ? api.family.me(api.communityId).catch(() => null)
      : null;
  const set = (me: Me | null, mine: MeInCommunity | null = null) => {
    if (me) {
      safeStorage.set(HINT, '1');
      safeStorage.set(ME_COPY, JSON.stringify(me));
    } else {
      safeStorage.remove(HINT);
      safeStorage.remove(ME_COPY);
    }
    state.me = me;
    state.user = userFor(me, api.communityId, mine);
    state.outsider = !!me && (state.user?.roles.length ?? 0) === 0;
  };
  const load = async (me: Me | null) => set(me, await here(me));
  return {
    state,
    /** Who the server drew the page for: taken as is, without asking the server again. */
    adopt(me: Me, mine: MeInCommunity | null) {
      set(me, mine);
    },
    async refresh() {
      if (!safeStorage.get(HINT)) return set(null);
      try {
        // Both at once: the community part answers 403 to a non-member, which is fine.
        const [me, mine] = await Promise.all([
          api.session.me(),
          api.family.me(api.communityId).catch(() => null),
        ]);
        set(me, mine);
      } catch (err) {
        // Offline: keep showing who was signed in; the server decides again once back.
        const copy = safeStorage.get(ME_COPY);
        if ((err as { status?: number }).status === 0 && copy)
          state.user = userFor(JSON.parse(copy) as Me, api.communityId);
        else throw err;
      }
    },
    /**
     * Who I am now, asked afresh: after the page that signed me in, registered me or joined me
     * to this community (those calls live in their lazily loaded pages, not in the first chunk).
     */
    async reload() {
      await load(await api.session.me());
    },
    /** Reads again whom I may act for (after a family link changed). */
    async reloadFamily() {
      if (state.me) set(state.me, await here(state.me));
    },
    async logout() {
      await api.session.logout();
      set(null);
    },
    /** The session ended on the server (the account was closed): nobody is signed in. */
    signedOut() {
      set(null);
    },
  };
}

export type SessionStore = ReturnType<typeof createSession>;

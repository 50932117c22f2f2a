import type { Me, Registration } from '@scene/client/session';
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

/** The renderer's user for one community: membership role, plugin roles, and admin. */
export function userFor(me: Me | null, communityId: string): RuntimeUser | null {
  if (!me) return null;
  const membership = me.memberships.find((m) => m.communityId === communityId);
  const roles = new Set<string>();
  if (me.account.platformRoles.includes('admin')) roles.add('admin');
  if (membership) {
    roles.add(membership.role);
    for (const r of membership.pluginRoles) roles.add(r);
  }
  return { id: me.account.id, displayName: me.account.displayName, roles: [...roles], communityId };
}

export function createSession(api: Pick<PortalApi, 'communityId' | 'session' | 'privacy'>) {
  const state = reactive<Session>({ me: null, user: null, outsider: false });
  const set = (me: Me | null) => {
    if (me) {
      safeStorage.set(HINT, '1');
      safeStorage.set(ME_COPY, JSON.stringify(me));
    } else {
      safeStorage.remove(HINT);
      safeStorage.remove(ME_COPY);
    }
    state.me = me;
    state.user = userFor(me, api.communityId);
    state.outsider = !!me && (state.user?.roles.length ?? 0) === 0;
  };
  return {
    state,
    async refresh() {
      if (!safeStorage.get(HINT)) return set(null);
      try {
        set(await api.session.me());
      } catch (err) {
        // Offline: keep showing who was signed in; the server decides again once back.
        const copy = safeStorage.get(ME_COPY);
        if ((err as { status?: number }).status === 0 && copy)
          state.user = userFor(JSON.parse(copy) as Me, api.communityId);
        else throw err;
      }
    },
    async login(username: string, password: string) {
      await api.session.login(username, password);
      set(await api.session.me());
    },
    async register(input: Registration) {
      await api.session.register(input);
      set(await api.session.me());
    },
    async logout() {
      await api.session.logout();
      set(null);
    },
    /** Joins this community with its invitation code (signed in, not yet a member). */
    async join(invitationCode: string) {
      await api.session.join(invitationCode);
      set(await api.session.me());
    },
    /** Closes the account for good; the session ends with it. */
    async closeAccount(password: string) {
      await api.privacy.closeAccount(password);
      set(null);
    },
  };
}

export type SessionStore = ReturnType<typeof createSession>;

import type { RuntimeApi, RuntimeMe } from '@scene/client';
import { reactive } from 'vue';
import type { RuntimeUser } from '../../renderer';

export interface Session {
  me: RuntimeMe | null;
  /** The signed-in person with their roles in this community; null when anonymous. */
  user: RuntimeUser | null;
  /** Signed in but not a member of this community. */
  outsider: boolean;
}

/** The renderer's user for one community: membership role, plugin roles, and admin. */
export function userFor(me: RuntimeMe | null, communityId: string): RuntimeUser | null {
  if (!me) return null;
  const membership = me.memberships.find((m) => m.communityId === communityId);
  const roles = new Set<string>();
  if (me.account.platformRoles?.includes('admin')) roles.add('admin');
  if (membership) {
    roles.add(membership.role);
    for (const r of membership.pluginRoles) roles.add(r);
  }
  return { id: me.account.id, displayName: me.account.displayName, roles: [...roles], communityId };
}

export function createSession(api: RuntimeApi) {
  const state = reactive<Session>({ me: null, user: null, outsider: false });
  const set = (me: RuntimeMe | null) => {
    state.me = me;
    state.user = userFor(me, api.communityId);
    state.outsider = !!me && (state.user?.roles.length ?? 0) === 0;
  };
  return {
    state,
    async refresh() {
      set(await api.me());
    },
    async login(username: string, password: string) {
      await api.login(username, password);
      set(await api.me());
    },
    async register(input: {
      invitationCode: string;
      username: string;
      displayName: string;
      password: string;
    }) {
      await api.register(input);
      set(await api.me());
    },
    async logout() {
      await api.logout();
      set(null);
    },
  };
}

export type SessionStore = ReturnType<typeof createSession>;

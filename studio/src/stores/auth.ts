import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiError, type Community, type Me } from '@scene/client';
import { api } from '../api';
import { sessionUserOf, type SessionUser, type StudioRole } from '../api/session-user';

export type SessionStatus = 'unknown' | 'anonymous' | 'signed-in';

/** Roles that may open the studio at all; staff and residents work in the resident portal. */
export const STUDIO_ROLES: readonly StudioRole[] = ['admin', 'operator', 'vendor', 'supervisor'];

const COMMUNITY_KEY = 'scene-studio.community';
// Set while this browser holds a session, so a first visit does not ask /auth/me for a 401
// (which browsers log as an error on every anonymous page load).
const SESSION_HINT_KEY = 'scene-studio.signed-in';

/**
 * Who is signed in, which communities they may manage, and which one the studio is working on.
 * The server guards every request; these answers only decide what the studio shows.
 */
export const useAuthStore = defineStore('auth', () => {
  const status = ref<SessionStatus>('unknown');
  const user = ref<SessionUser | null>(null);
  const communities = ref<Community[]>([]);
  const currentCommunityId = ref<string | null>(null);

  const roles = computed<StudioRole[]>(() => user.value?.roles ?? []);
  const hasStudioAccess = computed(() => roles.value.some((r) => STUDIO_ROLES.includes(r)));
  const isAdmin = computed(() => roles.value.includes('admin'));
  const currentCommunity = computed(
    () => communities.value.find((c) => c.id === currentCommunityId.value) ?? null,
  );

  /** The user's roles in one community (admins hold every right everywhere). */
  function rolesIn(communityId: string | null): StudioRole[] {
    const global = roles.value.filter((r) => r === 'admin' || r === 'vendor' || r === 'supervisor');
    const local = (user.value?.memberships ?? [])
      .filter((m) => m.communityId === communityId)
      .map((m) => m.role);
    return [...new Set([...global, ...local])];
  }

  /** True when the user holds one of `allowed` in the current community (or platform-wide). */
  function can(allowed: readonly StudioRole[]): boolean {
    return rolesIn(currentCommunityId.value).some((r) => allowed.includes(r));
  }

  async function restore(): Promise<void> {
    if (!globalThis.localStorage?.getItem(SESSION_HINT_KEY)) {
      status.value = 'anonymous';
      return;
    }
    await adopt(await api().session.me());
  }

  async function login(username: string, password: string): Promise<void> {
    await api().session.login(username, password);
    const me = await api().session.me();
    if (!me) throw new ApiError(401, 'unauthorized', 'The session was not accepted.');
    await adopt(me);
  }

  async function logout(): Promise<void> {
    try {
      await api().session.logout();
    } finally {
      globalThis.localStorage?.removeItem(SESSION_HINT_KEY);
      user.value = null;
      communities.value = [];
      currentCommunityId.value = null;
      status.value = 'anonymous';
    }
  }

  function selectCommunity(id: string): void {
    currentCommunityId.value = id;
    globalThis.localStorage?.setItem(COMMUNITY_KEY, id);
  }

  async function adopt(answer: Me | null): Promise<void> {
    const me = answer && sessionUserOf(answer);
    user.value = me;
    status.value = me ? 'signed-in' : 'anonymous';
    if (me) globalThis.localStorage?.setItem(SESSION_HINT_KEY, '1');
    else globalThis.localStorage?.removeItem(SESSION_HINT_KEY);
    communities.value = [];
    if (!me || !hasStudioAccess.value) return;
    // Vendors manage plugins, not communities; only ask when the answer can be non-empty.
    if (me.roles.some((r) => r === 'admin' || r === 'operator')) {
      // The server lists every community one belongs to; the studio composes only those
      // the user operates (admins: all).
      const operated = new Set(
        me.memberships.filter((m) => m.role === 'operator').map((m) => m.communityId),
      );
      const all = await api().communities.list();
      communities.value = me.roles.includes('admin') ? all : all.filter((c) => operated.has(c.id));
    }
    const saved = globalThis.localStorage?.getItem(COMMUNITY_KEY);
    const keep = communities.value.find((c) => c.id === (currentCommunityId.value ?? saved));
    currentCommunityId.value = keep?.id ?? communities.value[0]?.id ?? null;
  }

  return {
    status,
    user,
    communities,
    currentCommunityId,
    roles,
    hasStudioAccess,
    isAdmin,
    currentCommunity,
    rolesIn,
    can,
    restore,
    login,
    logout,
    selectCommunity,
  };
});

import type { RuntimeUser } from '@scene/renderer';
import { effectScope, ref, watch, type Ref } from 'vue';
import type { SessionUser } from '../api/session-user';

/** What the compose preview draws its blocks with: plugins' example data or the community's. */
export type PreviewData = 'example' | 'community';

const KEY = 'scene-studio.preview-data';
let shared: Ref<PreviewData> | undefined;

/** The choice, remembered per browser; example data until the operator picks otherwise. */
export function usePreviewData(): Ref<PreviewData> {
  if (shared) return shared;
  const stored = globalThis.localStorage?.getItem(KEY);
  const choice = ref<PreviewData>(stored === 'community' ? 'community' : 'example');
  // Outlives the component that first asked: the compose screen remounts its preview.
  effectScope(true).run(() => watch(choice, (v) => globalThis.localStorage?.setItem(KEY, v)));
  return (shared = choice);
}

/**
 * The signed-in person as the renderer knows them in one community (as the portal builds it):
 * their membership role, plugin roles and admin. The server decides with the same roles.
 */
export function runtimeUserIn(user: SessionUser | null, communityId: string): RuntimeUser | null {
  if (!user) return null;
  const roles = new Set<string>();
  if (user.roles.includes('admin')) roles.add('admin');
  const membership = user.memberships.find((m) => m.communityId === communityId);
  if (membership) {
    roles.add(membership.role);
    for (const r of membership.pluginRoles) roles.add(r);
  }
  return { id: user.id, displayName: user.displayName, roles: [...roles], communityId };
}

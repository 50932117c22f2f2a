import { effectiveRoles, type PluginManifest } from '@scene/schema';
import type { CommunityActor } from '../../control/auth/actor';

/** The caller of a data-plane service: a community member, or anonymous (`null`). */
export type Caller = CommunityActor | null;

/**
 * The roles a caller holds for one plugin in one community, in the manifest's vocabulary — read
 * by `effectiveRoles` of @scene/schema, the same function the portal and the studio use.
 */
export function callerRoles(caller: Caller, manifest: PluginManifest): Set<string> {
  return effectiveRoles(caller ? caller.communityRoles : null, manifest);
}

export { holdsAny } from '@scene/schema';

/** Whether the plugin declared a permission scope the operator consented to on install. */
export function hasScope(manifest: PluginManifest, scope: string): boolean {
  return (manifest.permissions ?? []).some((p) => p.scope === scope);
}

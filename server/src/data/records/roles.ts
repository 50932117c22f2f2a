import type { PluginManifest } from '@scene/schema';
import type { CommunityActor } from '../../control/auth/actor';

/** The caller of a data-plane service: a community member, or anonymous (`null`). */
export type Caller = CommunityActor | null;

/**
 * The roles a caller holds for one plugin in one community, in the manifest's vocabulary:
 * platform roles from the membership, plus `plugin:<roleId>` when one of the member's roles is
 * in that role's `grantedTo` or the member holds the explicit grant `plugin:<pluginId>/<roleId>`.
 * Anonymous callers hold only `public`.
 */
export function effectiveRoles(caller: Caller, manifest: PluginManifest): Set<string> {
  if (!caller) return new Set(['public']);
  const held = new Set(caller.communityRoles.filter((r) => !r.startsWith('plugin:')));
  const roles = new Set(held);
  for (const role of manifest.roles ?? []) {
    const granted =
      role.grantedTo.some((g) => held.has(g)) ||
      caller.communityRoles.includes(`plugin:${manifest.id}/${role.id}`);
    if (granted) roles.add(`plugin:${role.id}`);
  }
  return roles;
}

export function holdsAny(roles: Set<string>, wanted: readonly string[] | undefined): boolean {
  return (wanted ?? []).some((r) => roles.has(r));
}

/** Whether the plugin declared a permission scope the operator consented to on install. */
export function hasScope(manifest: PluginManifest, scope: string): boolean {
  return (manifest.permissions ?? []).some((p) => p.scope === scope);
}

/**
 * The membership roles that hold a role of this plugin: a platform role is itself; `plugin:x`
 * is held by its `grantedTo` roles and by the explicit grant `plugin:<pluginId>/x`.
 */
export function membershipRolesFor(manifest: PluginManifest, role: string): string[] {
  if (!role.startsWith('plugin:')) return [role];
  const id = role.slice('plugin:'.length);
  const def = (manifest.roles ?? []).find((r) => r.id === id);
  return [...(def?.grantedTo ?? []), `plugin:${manifest.id}/${id}`];
}

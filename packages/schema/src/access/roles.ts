// The one answer to "does this caller hold this role" for a plugin: the server's guards, the
// resident portal's page guards and buttons, the studio's previews and the manifest checker all
// ask these functions, so a role cannot mean one thing in one place and another elsewhere.
import type { PluginRole } from '../manifest/types';
import { PLATFORM_ROLES, type RoleRef } from '../manifest/vocabulary';

/**
 * A member's roles in one community as the membership states them: platform roles (`resident`,
 * `staff`, `operator`; `admin` for platform administrators) and explicit grants of plugin roles
 * written `plugin:<pluginId>/<roleId>`. `null` is an anonymous visitor.
 */
export type MemberRoles = readonly string[] | null;

/** What role checks read of a plugin: its id and who holds each of its roles by default. */
export interface RoleSource {
  id: string;
  roles?: readonly Pick<PluginRole, 'id' | 'grantedTo'>[];
}

/** Everyone holds `public`: a public query or view is open to signed-in members too. */
export const EVERYONE = 'public';

/** The membership spelling of an explicit grant of a plugin role to one member. */
export function pluginRoleGrant(pluginId: string, roleId: string): string {
  return `plugin:${pluginId}/${roleId}`;
}

/**
 * The roles a caller holds for one plugin, in the manifest's vocabulary: `public` for everyone;
 * for a member also their platform roles, and `plugin:<roleId>` for each role of the plugin that
 * is granted by default to one of those platform roles (`grantedTo`) or explicitly to them.
 * Nothing else: an operator does not hold a staff role unless `grantedTo` names `operator`.
 */
export function effectiveRoles(member: MemberRoles, manifest: RoleSource): Set<string> {
  const roles = new Set<string>([EVERYONE]);
  if (!member) return roles;
  const platform = new Set(
    member.filter((r) => (PLATFORM_ROLES as readonly string[]).includes(r) && r !== EVERYONE),
  );
  for (const r of platform) roles.add(r);
  for (const role of manifest.roles ?? []) {
    const byDefault = role.grantedTo.some((g) => platform.has(g));
    if (byDefault || member.includes(pluginRoleGrant(manifest.id, role.id)))
      roles.add(`plugin:${role.id}`);
  }
  return roles;
}

/** Whether the held roles meet any of `wanted` (none wanted: nobody). */
export function holdsAny(
  roles: ReadonlySet<string>,
  wanted: readonly string[] | undefined,
): boolean {
  return (wanted ?? []).some((r) => roles.has(r));
}

/** Whether a member (or an anonymous visitor, `null`) holds `role` for this plugin. */
export function holdsRole(member: MemberRoles, manifest: RoleSource, role: RoleRef): boolean {
  return effectiveRoles(member, manifest).has(role);
}

/**
 * The membership roles whose members hold `role` for this plugin — the reverse of
 * `effectiveRoles`, for reaching everyone holding a role (notifications): a platform role
 * itself; for a plugin role, the platform roles it is granted to by default and its explicit
 * grant.
 */
export function membershipRolesHolding(manifest: RoleSource, role: RoleRef): string[] {
  if (!role.startsWith('plugin:')) return [role];
  const id = role.slice('plugin:'.length);
  const def = (manifest.roles ?? []).find((r) => r.id === id);
  if (!def) return [];
  return [...def.grantedTo, pluginRoleGrant(manifest.id, id)];
}

/**
 * The roles someone holds who is known only to hold `role` — the least any holder of it holds.
 * The manifest checker asks with it what each role that may open a view can run.
 */
export function rolesOfHolder(role: RoleRef, manifest: RoleSource): Set<string> {
  if (role === EVERYONE) return effectiveRoles(null, manifest);
  if (role.startsWith('plugin:')) return new Set([EVERYONE, role]);
  return effectiveRoles([role], manifest);
}

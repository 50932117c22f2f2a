import { localize, pluginRoleGrant, type PluginManifest } from '@scene/schema';

/** One plugin role an operator may grant a member, as people read it. */
export interface RoleChoice {
  /** The grant stored on the membership, `plugin:<pluginId>/<roleId>`. */
  grant: string;
  name: string;
  /** The member's community role already holds it (the plugin's `grantedTo`): no grant needed. */
  byDefault: boolean;
}

export interface PluginRoleGroup {
  pluginId: string;
  name: string;
  roles: RoleChoice[];
}

interface InstalledManifest {
  pluginId: string;
  manifest?: Pick<PluginManifest, 'name' | 'roles'> | null;
}

/** The installed plugins that declare roles, each role named in the reader's language. */
export function roleGroups(
  installed: InstalledManifest[],
  memberRole: string | undefined,
  locale: string,
): PluginRoleGroup[] {
  return installed.flatMap(({ pluginId, manifest }) => {
    if (!manifest?.roles?.length) return [];
    return [
      {
        pluginId,
        name: localize(manifest.name, locale),
        roles: manifest.roles.map((r) => ({
          grant: pluginRoleGrant(pluginId, r.id),
          name: localize(r.name, locale),
          byDefault: !!memberRole && (r.grantedTo as string[]).includes(memberRole),
        })),
      },
    ];
  });
}

/** "物业报修 · 维修人员" for each grant these plugins know; grants of plugins not installed are left out. */
export function grantNames(groups: PluginRoleGroup[], grants: string[]): string[] {
  return groups.flatMap((g) =>
    g.roles.filter((r) => grants.includes(r.grant)).map((r) => `${g.name} · ${r.name}`),
  );
}

/**
 * The member's grants after the dialog: the chosen ones among these plugins' roles (never one
 * their community role holds anyway), and any grant of a plugin not installed now kept as it was.
 */
export function nextGrants(
  current: string[],
  groups: PluginRoleGroup[],
  chosen: ReadonlySet<string>,
): string[] {
  const offered = groups.flatMap((g) => g.roles.filter((r) => !r.byDefault).map((r) => r.grant));
  const known = new Set(groups.flatMap((g) => g.roles.map((r) => r.grant)));
  return [...current.filter((g) => !known.has(g)), ...offered.filter((g) => chosen.has(g))];
}

import { HttpError } from '../../http/errors';
import type { InstallationService } from '../installations/service';

export type InstalledManifests = Pick<InstallationService, 'installedManifests'>;

/**
 * Plugin-role grants (`plugin:<pluginId>/<roleId>`, shape and count checked by the route) a
 * member or an invitation may be given: each names a plugin installed in the community and a
 * role its manifest declares. Grants held already (`held`) are kept as they are: a grant of a
 * plugin since uninstalled stays, and is in force again on reinstall. A 400 names the first
 * grant that is neither.
 */
export async function assertGrantable(
  installations: InstalledManifests,
  communityId: string,
  grants: readonly string[],
  held: readonly string[] = [],
): Promise<void> {
  const fresh = grants
    .filter((g) => !held.includes(g))
    .map((grant) => {
      const [pluginId = '', roleId = ''] = grant.slice('plugin:'.length).split('/');
      return { grant, pluginId, roleId };
    });
  if (!fresh.length) return;
  const installed = await installations.installedManifests(
    communityId,
    fresh.map((g) => g.pluginId),
  );
  for (const { grant, pluginId, roleId } of fresh) {
    const manifest = installed.get(pluginId)?.manifest;
    if (!manifest?.roles.some((r) => r.id === roleId))
      throw new HttpError(
        400,
        'unknown_plugin_role',
        manifest
          ? `${pluginId} declares no role ${roleId}.`
          : `${pluginId} is not installed in this community.`,
        { pluginRole: grant },
      );
  }
}

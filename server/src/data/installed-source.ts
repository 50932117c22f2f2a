import { HttpError } from '../http/errors';
import type { CommunityService, InstallationService, InstallationView } from '../control';
import type { InstalledPlugin, InstalledPluginSource } from './records/types';

/**
 * The control plane's installations as the data plane reads them. Only an `active` installation
 * accepts writes: `disabled` and `uninstalling` (data being exported or deleted) read as disabled.
 */
export function installedPluginSource(
  installations: InstallationService,
  communities: Pick<CommunityService, 'timeZone'>,
): InstalledPluginSource {
  const toInstalled = (
    communityId: string,
    v: InstallationView,
    timeZone: string,
  ): InstalledPlugin => ({
    communityId,
    pluginId: v.pluginId,
    version: v.version,
    manifest: v.manifest!,
    config: v.config,
    status: v.status === 'active' ? 'enabled' : 'disabled',
    timeZone,
  });
  return {
    async get(communityId, pluginId) {
      try {
        const [view, zone] = await Promise.all([
          installations.get(communityId, pluginId, true),
          communities.timeZone(communityId),
        ]);
        return toInstalled(communityId, view, zone);
      } catch (err) {
        if (err instanceof HttpError && err.status === 404) return null;
        throw err;
      }
    },
    async list(communityId) {
      const [views, zone] = await Promise.all([
        installations.list(communityId, true),
        communities.timeZone(communityId),
      ]);
      return views.map((v) => toInstalled(communityId, v, zone));
    },
  };
}

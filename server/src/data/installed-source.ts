import { HttpError } from '../http/errors';
import type { InstallationService, InstallationView } from '../control';
import type { InstalledPlugin, InstalledPluginSource } from './records/types';

/**
 * The control plane's installations as the data plane reads them. Only an `active` installation
 * accepts writes: `disabled` and `uninstalling` (data being exported or deleted) read as disabled.
 */
export function installedPluginSource(installations: InstallationService): InstalledPluginSource {
  const toInstalled = (communityId: string, v: InstallationView): InstalledPlugin => ({
    communityId,
    pluginId: v.pluginId,
    version: v.version,
    manifest: v.manifest!,
    config: v.config,
    status: v.status === 'active' ? 'enabled' : 'disabled',
  });
  return {
    async get(communityId, pluginId) {
      try {
        return toInstalled(communityId, await installations.get(communityId, pluginId, true));
      } catch (err) {
        if (err instanceof HttpError && err.status === 404) return null;
        throw err;
      }
    },
    async list(communityId) {
      return (await installations.list(communityId, true)).map((v) => toInstalled(communityId, v));
    },
  };
}

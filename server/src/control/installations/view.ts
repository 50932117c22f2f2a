import type { PluginManifest } from '@scene/schema';
import type { InstallationDoc } from './model';
import { scheduleStates } from './schedules';

/** An installation as the API answers it (schemas.ts), from its stored document. */
export interface InstallationView {
  pluginId: string;
  version: string;
  status: InstallationDoc['status'];
  pinned: boolean;
  config: Record<string, unknown>;
  grantedPermissions: string[];
  installedAt: string;
  updatedAt: string;
  /** Whether each schedule of the plugin runs here (operator's switch, else the plugin's default). */
  schedules: Record<string, boolean>;
  manifest?: PluginManifest;
}

export function installationView(
  d: InstallationDoc,
  manifest: PluginManifest,
  withManifest: boolean,
): InstallationView {
  return {
    pluginId: d.pluginId,
    version: d.version,
    status: d.status,
    pinned: d.pinned,
    config: JSON.parse(d.configJson) as Record<string, unknown>,
    grantedPermissions: d.grantedPermissions,
    installedAt: d.installedAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    schedules: scheduleStates(manifest, d.schedules),
    ...(withManifest ? { manifest } : {}),
  };
}

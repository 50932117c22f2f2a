import type { PluginManifest, UninstallPolicy } from '@scene/schema';

export interface InstalledEvent {
  communityId: string;
  pluginId: string;
  version: string;
  manifest: PluginManifest;
  /** Set on an upgrade: the version that was installed before. */
  previous?: { version: string; manifest: PluginManifest };
}

export interface UninstallingEvent {
  communityId: string;
  pluginId: string;
  version: string;
  manifest: PluginManifest;
  /** From `lifecycle.onUninstall`: `export-then-delete` | `retain` | `delete`. */
  policy: UninstallPolicy;
}

/**
 * What the data plane does when installations change. The control plane calls these; the data
 * plane implements them (create the plugin's indexes, migrate records, export and delete data);
 * the composition root hands the data plane's implementation to the installation service.
 *
 * Contract (no transactions): `installed` runs after the installation document is written and
 * must be idempotent (it runs again on a retried upgrade). `uninstalling` runs while the
 * installation is in status `uninstalling` (no writes are accepted then) and before the document
 * is removed; if it throws, the installation stays `uninstalling` and the operator retries the
 * uninstall, which calls it again — so it too must be idempotent.
 */
export interface InstallationLifecycle {
  installed(event: InstalledEvent): Promise<void>;
  uninstalling(event: UninstallingEvent): Promise<void>;
}

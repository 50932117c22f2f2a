import type { ClientManifest } from '@scene/schema';
import type { ComputedRef, InjectionKey } from 'vue';

/** An installed plugin as the portal bundle carries it. */
export interface InstalledPlugin {
  manifest: ClientManifest;
  config: Record<string, unknown>;
}

export const installedPluginsKey: InjectionKey<ComputedRef<Record<string, InstalledPlugin>>> =
  Symbol('scene.installedPlugins');

/** Internal node type for a plugin view placed inside a layout block of a portal page. */
export const PLUGIN_VIEW = '#plugin-view';

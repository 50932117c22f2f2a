import type { PortalApi } from './api';
import { inject, type InjectionKey, type Ref } from 'vue';
import type { InstalledPlugin } from '@scene/renderer';
import type { ShellBundle } from './state/bundle-cache';
import type { Preferences } from './state/preferences';
import type { SessionStore } from './state/session';

/** Network state the shell shows in its banner. */
export interface Connectivity {
  /** The browser says it is offline, or a request just failed for lack of network. */
  offline: boolean;
  /** The portal shown is the last saved copy (from this time). */
  staleSince?: string;
  unread: number;
}

export interface Shell {
  communityId: string;
  api: PortalApi;
  bundle: ShellBundle;
  plugins: Record<string, InstalledPlugin>;
  prefs: Preferences;
  session: SessionStore;
  net: Connectivity;
  /**
   * False while a page the server drew waits for its code: drawn `inert`, so a tap is not
   * silently lost on a button that does nothing yet (and tests wait for it to work).
   */
  live: Ref<boolean>;
  refreshUnread(): Promise<void>;
}

export const shellKey: InjectionKey<Shell> = Symbol('scene.shell');

export function useShell(): Shell {
  const shell = inject(shellKey);
  if (!shell) throw new Error('useShell() outside the resident shell');
  return shell;
}

export function pluginsOf(bundle: ShellBundle): Record<string, InstalledPlugin> {
  const out: Record<string, InstalledPlugin> = {};
  for (const p of bundle.plugins)
    if (p.manifest) out[p.pluginId] = { manifest: p.manifest, config: p.config };
  return out;
}

import type { ClientManifest, Portal } from '@scene/schema';
import type { RuntimeApi, RuntimeBundle } from '@scene/client/runtime';
import { safeStorage } from './storage';

export interface ShellPlugin {
  pluginId: string;
  version?: string;
  manifest: ClientManifest;
  config: Record<string, unknown>;
}

/** The published portal as the shell uses it (and saves it for offline visits). */
export interface ShellBundle {
  /** `timeZone` is absent in copies saved before communities had one (the default applies). */
  community: { id: string; name: string; timeZone?: string };
  /** The published portal version number. */
  version?: number;
  portal: Portal;
  plugins: ShellPlugin[];
}

interface Cached {
  etag?: string;
  savedAt: string;
  bundle: ShellBundle;
}

export interface LoadedBundle {
  bundle: ShellBundle;
  /** True when the network failed and the last saved copy is shown. */
  fromCache: boolean;
  savedAt?: string;
}

const key = (communityId: string) => `scene.bundle.${communityId}`;

/**
 * The wire bundle (plugins by id) as the shell's list of plugins, in id order, with the
 * plugins' client projections fetched in one request (preloaded with the page; from the
 * browser's cache on later visits).
 */
export async function shellBundle(runtime: RuntimeApi, wire: RuntimeBundle): Promise<ShellBundle> {
  const entries = Object.entries(wire.plugins);
  const manifests = await runtime.manifests(wire.plugins);
  return {
    community: {
      id: wire.community.id,
      name: wire.community.name,
      timeZone: wire.community.timeZone,
    },
    version: wire.version,
    portal: wire.portal,
    plugins: entries.map(([pluginId, p]) => ({
      pluginId,
      version: p.version,
      manifest: manifests[pluginId]!,
      config: p.config,
    })),
  };
}

export function readCachedBundle(communityId: string): Cached | undefined {
  const raw = safeStorage.get(key(communityId));
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as Cached;
    return parsed?.bundle?.portal ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The community's published portal: from the network when it answers (revalidated with the
 * saved ETag), else the last saved copy. Only a network failure falls back to the copy; a
 * real answer such as 404 is passed on.
 */
export async function loadBundle(runtime: RuntimeApi, communityId: string): Promise<LoadedBundle> {
  const cached = readCachedBundle(communityId);
  try {
    const res = await runtime.bundle(communityId, cached?.etag);
    // A 304 only answers the ETag of the saved copy, so there is one.
    if (res.notModified) return { bundle: cached!.bundle, fromCache: false };
    const bundle = await shellBundle(runtime, res.bundle);
    safeStorage.set(
      key(communityId),
      JSON.stringify({
        etag: res.etag,
        savedAt: new Date().toISOString(),
        bundle,
      } satisfies Cached),
    );
    return { bundle, fromCache: false };
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 0 && cached)
      return { bundle: cached.bundle, fromCache: true, savedAt: cached.savedAt };
    throw err;
  }
}

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

/** The wire bundle (plugins by id) and its plugins' client projections as the shell's bundle. */
export function toShellBundle(
  wire: RuntimeBundle,
  manifests: Record<string, ClientManifest>,
): ShellBundle {
  return {
    community: {
      id: wire.community.id,
      name: wire.community.name,
      timeZone: wire.community.timeZone,
    },
    version: wire.version,
    portal: wire.portal,
    plugins: Object.entries(wire.plugins).map(([pluginId, p]) => ({
      pluginId,
      version: p.version,
      manifest: manifests[pluginId]!,
      config: p.config,
    })),
  };
}

/**
 * The wire bundle as the shell's, with the plugins' client projections fetched in one request
 * (preloaded with the page; from the browser's cache on later visits).
 */
export async function shellBundle(runtime: RuntimeApi, wire: RuntimeBundle): Promise<ShellBundle> {
  return toShellBundle(wire, await runtime.manifests(wire.plugins));
}

/** Keeps the bundle on this device for a visit without network. */
export function saveBundle(communityId: string, etag: string | undefined, bundle: ShellBundle) {
  safeStorage.set(
    key(communityId),
    JSON.stringify({ etag, savedAt: new Date().toISOString(), bundle } satisfies Cached),
  );
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
    saveBundle(communityId, res.etag, bundle);
    return { bundle, fromCache: false };
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 0 && cached)
      return { bundle: cached.bundle, fromCache: true, savedAt: cached.savedAt };
    throw err;
  }
}

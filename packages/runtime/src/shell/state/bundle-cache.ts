import type { RuntimeApi, RuntimeBundle } from '@scene/client';
import { safeStorage } from './storage';

interface Cached {
  etag?: string;
  savedAt: string;
  bundle: RuntimeBundle;
}

export interface LoadedBundle {
  bundle: RuntimeBundle;
  /** True when the network failed and the last saved copy is shown. */
  fromCache: boolean;
  savedAt?: string;
}

const key = (communityId: string) => `scene.bundle.${communityId}`;

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
export async function loadBundle(api: RuntimeApi): Promise<LoadedBundle> {
  const cached = readCachedBundle(api.communityId);
  try {
    const res = await api.bundle(cached?.etag);
    if (res.notModified && cached) return { bundle: cached.bundle, fromCache: false };
    const bundle = res.bundle!;
    safeStorage.set(
      key(api.communityId),
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

import type { ClientManifest } from '@scene/schema';
import type { Schemas } from '../contract';
import { seg } from '../contract';
import type { HttpClient } from '../http';

export type RuntimeBundle = Schemas['RuntimeBundle'];
export type RuntimePlugin = Schemas['RuntimePlugin'];

export type BundleAnswer =
  | { notModified: true; etag?: string }
  | { notModified: false; bundle: RuntimeBundle; etag?: string };

/**
 * The published portal of a community as the resident portal loads it: the community's part
 * (one small request, revalidated by ETag), then each plugin version's client projection, which
 * is immutable and named by its hash, so the browser answers it from its cache after the first
 * time in any community.
 */
export interface RuntimeApi {
  /** `notModified` when `etag` (from an earlier answer) still names the live bundle. */
  bundle(communityId: string, etag?: string): Promise<BundleAnswer>;
  /** The client projection a bundle's plugin names (`version`, `manifestHash`). */
  manifest(
    pluginId: string,
    plugin: Pick<RuntimePlugin, 'version' | 'manifestHash'>,
  ): Promise<ClientManifest>;
}

/** The path of a plugin version's client projection (also what the server preloads). */
export const manifestPath = (
  pluginId: string,
  p: Pick<RuntimePlugin, 'version' | 'manifestHash'>,
) => `/api/v1/runtime/plugins/${seg(pluginId)}/${seg(p.version)}/${seg(p.manifestHash)}`;

export function runtimeApi(http: HttpClient): RuntimeApi {
  return {
    async bundle(communityId, etag) {
      const res = await http.raw<RuntimeBundle>('GET', `/api/v1/runtime/${seg(communityId)}`, {
        headers: etag ? { 'if-none-match': etag } : undefined,
      });
      if (res.status === 304) return { notModified: true, etag };
      return { notModified: false, bundle: res.data, etag: res.headers.get('etag') ?? undefined };
    },
    manifest(pluginId, plugin) {
      return http.request<ClientManifest>('GET', manifestPath(pluginId, plugin));
    },
  };
}

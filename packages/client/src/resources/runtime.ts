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
 * (one small request, revalidated by ETag), then the client projections of the plugin versions
 * it places, in one request whose path names each projection's hash: immutable, so the browser
 * answers it from its cache until the community installs another version.
 */
export interface RuntimeApi {
  /** `notModified` when `etag` (from an earlier answer) still names the live bundle. */
  bundle(communityId: string, etag?: string): Promise<BundleAnswer>;
  /** The client projections of a bundle's plugins, by plugin id. */
  manifests(
    plugins: Record<string, Pick<RuntimePlugin, 'version' | 'manifestHash'>>,
  ): Promise<Record<string, ClientManifest>>;
}

/**
 * The path of the client projections a bundle names, in one request; exactly the path the
 * server preloads with the portal page (server/src/control/runtime/service.ts), so the
 * browser uses the preloaded answer.
 */
export const manifestsPath = (
  plugins: Record<string, Pick<RuntimePlugin, 'version' | 'manifestHash'>>,
) =>
  `/api/v1/runtime/plugins?set=${Object.keys(plugins)
    .sort()
    .map((id) => `${id}:${seg(plugins[id]!.version)}:${plugins[id]!.manifestHash}`)
    .join(',')}`;

export function runtimeApi(http: HttpClient): RuntimeApi {
  return {
    async bundle(communityId, etag) {
      const res = await http.raw<RuntimeBundle>('GET', `/api/v1/runtime/${seg(communityId)}`, {
        headers: etag ? { 'if-none-match': etag } : undefined,
      });
      if (res.status === 304) return { notModified: true, etag };
      return { notModified: false, bundle: res.data, etag: res.headers.get('etag') ?? undefined };
    },
    async manifests(plugins) {
      if (!Object.keys(plugins).length) return {};
      return http.request<Record<string, ClientManifest>>('GET', manifestsPath(plugins));
    },
  };
}

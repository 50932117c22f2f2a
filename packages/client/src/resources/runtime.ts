import type { Schemas } from '../contract';
import { seg } from '../contract';
import type { HttpClient } from '../http';

export type RuntimeBundle = Schemas['RuntimeBundle'];
export type RuntimePlugin = Schemas['RuntimePlugin'];

export type BundleAnswer =
  | { notModified: true; etag?: string }
  | { notModified: false; bundle: RuntimeBundle; etag?: string };

/** The published portal of a community as the resident portal loads it: one request. */
export interface RuntimeApi {
  /** `notModified` when `etag` (from an earlier answer) still names the live bundle. */
  bundle(communityId: string, etag?: string): Promise<BundleAnswer>;
}

export function runtimeApi(http: HttpClient): RuntimeApi {
  return {
    async bundle(communityId, etag) {
      const res = await http.raw<RuntimeBundle>('GET', `/api/v1/runtime/${seg(communityId)}`, {
        headers: etag ? { 'if-none-match': etag } : undefined,
      });
      if (res.status === 304) return { notModified: true, etag };
      return { notModified: false, bundle: res.data, etag: res.headers.get('etag') ?? undefined };
    },
  };
}

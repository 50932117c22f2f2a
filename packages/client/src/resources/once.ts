import { communityPath, seg } from '../contract';
import type { HttpClient } from '../http';

/**
 * "Have I answered?" for an action with `once` (one answer each): a member by account, a
 * visitor by the browser's participation cookie. Its own module: the portal loads it only on a
 * page with such a form.
 */
export interface OnceApi {
  /** true / false, or null when it cannot be told (the claim is keyed by an input value). */
  done(communityId: string, pluginId: string, action: string): Promise<boolean | null>;
}

export function onceApi(http: HttpClient): OnceApi {
  return {
    done: async (communityId, pluginId, action) =>
      (
        await http.request<{ done: boolean | null }>(
          'GET',
          `${communityPath(communityId)}/plugins/${seg(pluginId)}/actions/${seg(action)}/once`,
        )
      ).done,
  };
}

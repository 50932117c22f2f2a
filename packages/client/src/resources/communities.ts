import type { Body, Query, Schemas } from '../contract';
import { communityPath } from '../contract';
import type { HttpClient } from '../http';

export type Community = Schemas['Community'];
export type CommunityType = Community['type'];
export type CommunityInput = Body<'/api/v1/communities', 'post'>;
export type CommunityPatch = Body<'/api/v1/communities/{communityId}', 'patch'>;
export type CommunityFilter = Query<'/api/v1/communities', 'get'>;

/** Communities: all of them for admins, otherwise the ones I belong to. */
export interface CommunitiesApi {
  list(filter?: CommunityFilter): Promise<Community[]>;
  get(communityId: string): Promise<Community>;
  create(input: CommunityInput): Promise<Community>;
  update(communityId: string, patch: CommunityPatch): Promise<Community>;
  /** Its portal goes offline; its data and audit trail stay. */
  archive(communityId: string): Promise<void>;
}

export function communitiesApi(http: HttpClient): CommunitiesApi {
  return {
    list: async (filter = {}) =>
      (await http.request<{ items: Community[] }>('GET', '/api/v1/communities', { query: filter }))
        .items,
    get: (communityId) => http.request('GET', communityPath(communityId)),
    create: (input) => http.request('POST', '/api/v1/communities', { body: input }),
    update: (communityId, patch) =>
      http.request('PATCH', communityPath(communityId), { body: patch }),
    async archive(communityId) {
      await http.request('DELETE', communityPath(communityId));
    },
  };
}

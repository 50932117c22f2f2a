import type { Body, Query, Schemas } from '../contract';
import { communityPath, seg } from '../contract';
import type { HttpClient } from '../http';

export type Member = Schemas['Member'];
export type MemberRole = Member['role'];
export type NewMember = Body<'/api/v1/communities/{communityId}/members', 'post'>;
export type MemberPatch = Body<'/api/v1/communities/{communityId}/members/{accountId}', 'patch'>;
export type MemberFilter = Query<'/api/v1/communities/{communityId}/members', 'get'>;

/** Who holds which role in a community (operators; admins for operators). */
export interface MembersApi {
  list(communityId: string, filter?: MemberFilter): Promise<Member[]>;
  add(communityId: string, input: NewMember): Promise<Member>;
  update(communityId: string, accountId: string, patch: MemberPatch): Promise<Member>;
  remove(communityId: string, accountId: string): Promise<void>;
  /** A new password for a member who forgot theirs (an account of this community alone). */
  resetPassword(communityId: string, accountId: string, password: string): Promise<void>;
}

export function membersApi(http: HttpClient): MembersApi {
  const path = (communityId: string, accountId?: string) =>
    `${communityPath(communityId)}/members${accountId ? `/${seg(accountId)}` : ''}`;
  return {
    list: async (communityId, filter = {}) =>
      (await http.request<{ items: Member[] }>('GET', path(communityId), { query: filter })).items,
    add: (communityId, input) => http.request('POST', path(communityId), { body: input }),
    update: (communityId, accountId, patch) =>
      http.request('PATCH', path(communityId, accountId), { body: patch }),
    async remove(communityId, accountId) {
      await http.request('DELETE', path(communityId, accountId));
    },
    async resetPassword(communityId, accountId, password) {
      await http.request('POST', `${path(communityId, accountId)}/password`, {
        body: { password },
      });
    },
  };
}

import type { Body, Schemas } from '../contract';
import { communityPath, seg } from '../contract';
import type { HttpClient } from '../http';

export type Invitation = Schemas['Invitation'];
export type NewInvitation = Schemas['NewInvitation'];
export type InvitationSettings = Body<'/api/v1/communities/{communityId}/invitations', 'post'>;

/** Invitation codes (operators): residents register or join with one; a staff code admits one person as staff. */
export interface InvitationsApi {
  list(communityId: string): Promise<Invitation[]>;
  /** The answer holds the code; it is never shown again. */
  create(communityId: string, settings: InvitationSettings): Promise<NewInvitation>;
  /** Revokes the code and issues a new one with the same settings. */
  regenerate(communityId: string, invitationId: string): Promise<NewInvitation>;
  revoke(communityId: string, invitationId: string): Promise<void>;
}

export function invitationsApi(http: HttpClient): InvitationsApi {
  const path = (communityId: string, id?: string) =>
    `${communityPath(communityId)}/invitations${id ? `/${seg(id)}` : ''}`;
  return {
    list: async (communityId) =>
      (await http.request<{ items: Invitation[] }>('GET', path(communityId))).items,
    create: (communityId, settings) => http.request('POST', path(communityId), { body: settings }),
    regenerate: (communityId, invitationId) =>
      http.request('POST', `${path(communityId, invitationId)}/regenerate`),
    async revoke(communityId, invitationId) {
      await http.request('DELETE', path(communityId, invitationId));
    },
  };
}

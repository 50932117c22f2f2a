import type { Body, Schemas } from '../contract';
import { communityPath, seg } from '../contract';
import type { HttpClient } from '../http';

export type MeInCommunity = Schemas['MeInCommunity'];
export type FamilyLink = Schemas['FamilyLink'];
export type FamilyGrant = Schemas['FamilyGrant'];
export type FamilyInvitation = Schemas['FamilyInvitation'];
export type OperatorFamilyLink = Schemas['OperatorFamilyLink'];
export type NewFamilyInvitation = Body<
  '/api/v1/communities/{communityId}/family/invitations',
  'post'
>;
export type PaperConsentLink = Body<'/api/v1/communities/{communityId}/family-links', 'post'>;

/**
 * Households: me in a community (attributes, whom I may act for), my family links, and the
 * community's links for its operators.
 */
export interface FamilyApi {
  me(communityId: string): Promise<MeInCommunity>;
  links(communityId: string): Promise<FamilyLink[]>;
  /** A one-time code for a relative to enter (shown only in this answer). */
  invite(communityId: string, input: NewFamilyInvitation): Promise<FamilyInvitation>;
  accept(communityId: string, code: string, grant: FamilyGrant): Promise<FamilyLink>;
  /** What I allow the other person of a link. */
  setGrant(communityId: string, linkId: string, grant: FamilyGrant): Promise<FamilyLink>;
  revoke(communityId: string, linkId: string): Promise<void>;
  /** Operators: the community's links, or one member's. */
  communityLinks(communityId: string, accountId?: string): Promise<OperatorFamilyLink[]>;
  /** Operators: a link both people consented to on paper. */
  record(communityId: string, input: PaperConsentLink): Promise<OperatorFamilyLink>;
}

export function familyApi(http: HttpClient): FamilyApi {
  const family = (communityId: string, rest = '') => `${communityPath(communityId)}/family${rest}`;
  return {
    me: (communityId) => http.request('GET', `${communityPath(communityId)}/me`),
    links: async (communityId) =>
      (await http.request<{ items: FamilyLink[] }>('GET', family(communityId))).items,
    invite: (communityId, input) =>
      http.request('POST', family(communityId, '/invitations'), { body: input }),
    accept: (communityId, code, grant) =>
      http.request('POST', family(communityId, '/accept'), { body: { code, grant } }),
    setGrant: (communityId, linkId, grant) =>
      http.request('PATCH', family(communityId, `/${seg(linkId)}`), { body: { grant } }),
    async revoke(communityId, linkId) {
      await http.request('DELETE', family(communityId, `/${seg(linkId)}`));
    },
    communityLinks: async (communityId, accountId) =>
      (
        await http.request<{ items: OperatorFamilyLink[] }>(
          'GET',
          `${communityPath(communityId)}/family-links`,
          { query: { accountId } },
        )
      ).items,
    record: (communityId, input) =>
      http.request('POST', `${communityPath(communityId)}/family-links`, { body: input }),
  };
}

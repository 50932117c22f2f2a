import type { FamilyGrant, FamilyRelation } from '@scene/schema';
import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { empty, failure, json } from '../../http/responses';
import { communityParams, itemsOf, obj, s } from '../../http/schemas';
import {
  consentNote,
  familyCode,
  familyGrant,
  familyInvitation,
  familyLink,
  meInCommunity,
  operatorFamilyLink,
  relation,
} from './schemas';
import type { HouseholdService } from './service';

const members = auth.community('resident', 'staff', 'operator');
const linkParams = obj({ communityId: s.communityId, linkId: s.id }, ['communityId', 'linkId']);
type LinkParams = { communityId: string; linkId: string };

/** Households: my family links (any member) and the community's (its operators). */
export function householdRoutes(households: HouseholdService): AnyRoute[] {
  return [
    defineRoute<{ params: { communityId: string } }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/me',
      summary: 'Me in this community: my recorded attributes and the people I may act for',
      tags: ['households'],
      auth: members,
      responses: { 200: json(meInCommunity) },
      params: communityParams,
      handler: ({ actor }) => households.me(actor),
    }),
    defineRoute<{ params: { communityId: string } }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/family',
      summary: 'My family links in this community, with what each side allows the other',
      tags: ['households'],
      auth: members,
      responses: { 200: json(itemsOf(familyLink)) },
      params: communityParams,
      handler: async ({ actor }) => ({ items: await households.mine(actor) }),
    }),
    defineRoute<{
      params: { communityId: string };
      body: { relation: FamilyRelation; grant: FamilyGrant };
    }>()({
      method: 'post',
      path: '/api/v1/communities/:communityId/family/invitations',
      summary:
        'A one-time code (valid a day) for a family member to enter; `relation` is what they are to me, `grant` what I allow them',
      tags: ['households'],
      auth: members,
      responses: { 201: json(familyInvitation, 'The code, shown only in this answer') },
      params: communityParams,
      body: obj({ relation, grant: familyGrant }, ['relation', 'grant']),
      handler: ({ actor, body }) => households.invite(actor, body),
    }),
    defineRoute<{ params: { communityId: string }; body: { code: string; grant: FamilyGrant } }>()({
      method: 'post',
      path: '/api/v1/communities/:communityId/family/accept',
      summary: "Enter a relative's code: the link exists from now; `grant` is what I allow them",
      tags: ['households'],
      auth: members,
      throttled: true,
      responses: {
        201: json(familyLink, 'Linked'),
        404: failure('No such code, or expired (`code_not_found`)'),
        409: failure(
          'Used already (`code_used`), own code (`own_code`), linked already (`already_linked`), too many links (`too_many_links`)',
        ),
      },
      params: communityParams,
      body: obj({ code: familyCode, grant: familyGrant }, ['code', 'grant']),
      handler: ({ actor, body }) => households.accept(actor, body),
    }),
    defineRoute<{ params: LinkParams; body: { grant: FamilyGrant } }>()({
      method: 'patch',
      path: '/api/v1/communities/:communityId/family/:linkId',
      summary: 'Change what I allow the other person of a link (act for me, receive my notices)',
      tags: ['households'],
      auth: members,
      responses: { 200: json(familyLink), 404: failure('No such link of mine') },
      params: linkParams,
      body: obj({ grant: familyGrant }, ['grant']),
      handler: ({ actor, params, body }) => households.setGrant(actor, params.linkId, body.grant),
    }),
    defineRoute<{ params: LinkParams }>()({
      method: 'delete',
      path: '/api/v1/communities/:communityId/family/:linkId',
      summary: 'End a family link (either person, or an operator); its rights end at once',
      tags: ['households'],
      auth: members,
      responses: { 204: empty('Ended'), 404: failure('No such link of mine') },
      params: linkParams,
      handler: async ({ actor, params }) => {
        await households.revoke(actor, params.linkId);
      },
    }),
    defineRoute<{ params: { communityId: string }; query: { accountId?: string } }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/family-links',
      summary: "The community's family links (or one member's), for its operators",
      tags: ['households'],
      auth: auth.community('operator'),
      responses: { 200: json(itemsOf(operatorFamilyLink)) },
      params: communityParams,
      query: obj({ accountId: s.id }),
      handler: async ({ params, query }) => ({
        items: await households.list(params.communityId, query.accountId),
      }),
    }),
    defineRoute<{
      params: { communityId: string };
      body: {
        a: string;
        b: string;
        relation: FamilyRelation;
        aGrants: FamilyGrant;
        bGrants: FamilyGrant;
        consentNote: string;
      };
    }>()({
      method: 'post',
      path: '/api/v1/communities/:communityId/family-links',
      summary:
        'Record a link both people consented to on paper (`relation`: what b is to a; `consentNote`: where the signed form is)',
      tags: ['households'],
      auth: auth.community('operator'),
      responses: {
        201: json(operatorFamilyLink, 'Recorded'),
        404: failure('One of them is not a member (`member_not_found`)'),
        409: failure('Linked already (`already_linked`), too many links (`too_many_links`)'),
      },
      params: communityParams,
      body: obj(
        {
          a: s.id,
          b: s.id,
          relation,
          aGrants: familyGrant,
          bGrants: familyGrant,
          consentNote,
        },
        ['a', 'b', 'relation', 'aGrants', 'bGrants', 'consentNote'],
      ),
      handler: ({ actor, body }) => households.record(actor, body),
    }),
  ];
}

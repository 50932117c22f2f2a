import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { empty, failure, json } from '../../http/responses';
import { communityParams, itemsOf, obj, s } from '../../http/schemas';
import {
  community,
  communityType,
  invitation,
  invitationRole,
  newInvitation,
  pluginRoleGrants,
  scenes,
  themeSchema,
  timeZone,
} from './schemas';
import type { InvitationService, InvitationSettings } from './invitations';
import type { CommunityType, ThemeDefaults } from './model';
import type { CommunityInput, CommunityService } from './service';

const communityFields = {
  name: s.str(60),
  city: s.str(30),
  district: s.str(30),
  type: communityType,
  enabledScenes: scenes,
  theme: themeSchema,
  timeZone,
};
const invitationParams = obj({ communityId: s.communityId, invitationId: s.id }, [
  'communityId',
  'invitationId',
]);

export function communityRoutes(
  communities: CommunityService,
  invitations: InvitationService,
): AnyRoute[] {
  return [
    defineRoute<{ body: CommunityInput }>()({
      method: 'post',
      path: '/api/v1/communities',
      summary: 'Create a community (standard plugins are installed into it)',
      tags: ['communities'],
      auth: auth.platform('admin'),
      responses: { 201: json(community, 'Created'), 409: failure('Id taken (`community_exists`)') },
      body: obj({ id: s.communityId, ...communityFields }, [
        'id',
        'name',
        'city',
        'district',
        'type',
      ]),
      handler: ({ body, actor }) => communities.create(body, actor),
    }),
    defineRoute<{
      query: { city?: string; type?: CommunityType; includeArchived?: boolean; limit: number };
    }>()({
      method: 'get',
      path: '/api/v1/communities',
      summary: 'Communities: all for admins, otherwise the ones I belong to',
      tags: ['communities'],
      auth: auth.account,
      responses: { 200: json(itemsOf(community)) },
      query: obj({
        city: s.str(30),
        type: communityFields.type,
        includeArchived: { type: 'boolean' },
        limit: s.limit(500, 100),
      }),
      handler: async ({ actor, query }) => ({ items: await communities.list(actor, query) }),
    }),
    defineRoute<{ params: { communityId: string } }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId',
      summary: 'One community',
      tags: ['communities'],
      auth: auth.community('operator', 'staff', 'resident'),
      responses: { 200: json(community) },
      params: communityParams,
      handler: ({ params }) => communities.get(params.communityId),
    }),
    defineRoute<{
      params: { communityId: string };
      body: Partial<Omit<CommunityInput, 'id'>> & { theme?: ThemeDefaults };
    }>()({
      method: 'patch',
      path: '/api/v1/communities/:communityId',
      summary: 'Change a community (name, place, type, scenes, theme defaults)',
      tags: ['communities'],
      auth: auth.platform('admin'),
      responses: { 200: json(community), 404: failure('No such community') },
      params: communityParams,
      body: { ...obj(communityFields), minProperties: 1 },
      handler: ({ params, body, actor }) => communities.update(params.communityId, body, actor),
    }),
    defineRoute<{ params: { communityId: string } }>()({
      method: 'delete',
      path: '/api/v1/communities/:communityId',
      summary: 'Archive a community (its portal goes offline; data and audit stay)',
      tags: ['communities'],
      auth: auth.platform('admin'),
      responses: { 204: empty('Archived'), 404: failure('No such community') },
      params: communityParams,
      handler: async ({ params, actor }) => {
        await communities.archive(params.communityId, actor);
      },
    }),
    defineRoute<{ params: { communityId: string } }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/invitations',
      summary: 'Invitation codes of a community (the codes themselves are never shown again)',
      tags: ['communities'],
      auth: auth.community('operator'),
      responses: { 200: json(itemsOf(invitation)) },
      params: communityParams,
      handler: async ({ params }) => ({ items: await invitations.list(params.communityId) }),
    }),
    defineRoute<{ params: { communityId: string }; body: InvitationSettings }>()({
      method: 'post',
      path: '/api/v1/communities/:communityId/invitations',
      summary:
        'Create an invitation code (residents register or join with it; a staff code brings one person in as staff); the code is in this answer only',
      tags: ['communities'],
      auth: auth.community('operator'),
      responses: { 201: json(newInvitation, 'The invitation, with its code shown this once') },
      params: communityParams,
      body: obj(
        {
          label: s.str(60),
          role: invitationRole,
          pluginRoles: pluginRoleGrants,
          // Default by role: 500 for residents, 1 for staff.
          maxUses: { type: 'integer', minimum: 1, maximum: 10000 },
          expiresInDays: { type: 'integer', minimum: 1, maximum: 366, default: 90 },
        },
        [],
      ),
      handler: ({ params, body, actor }) => invitations.create(params.communityId, body, actor),
    }),
    defineRoute<{ params: { communityId: string; invitationId: string } }>()({
      method: 'post',
      path: '/api/v1/communities/:communityId/invitations/:invitationId/regenerate',
      summary: 'Revoke a code and issue a new one with the same settings',
      tags: ['communities'],
      auth: auth.community('operator'),
      responses: {
        201: json(newInvitation, 'The new invitation, with its code shown this once'),
        404: failure('No such invitation'),
      },
      params: invitationParams,
      handler: ({ params, actor }) =>
        invitations.regenerate(params.communityId, params.invitationId, actor),
    }),
    defineRoute<{ params: { communityId: string; invitationId: string } }>()({
      method: 'delete',
      path: '/api/v1/communities/:communityId/invitations/:invitationId',
      summary: 'Revoke an invitation code',
      tags: ['communities'],
      auth: auth.community('operator'),
      responses: { 204: empty('Revoked'), 404: failure('No such invitation') },
      params: invitationParams,
      handler: async ({ params, actor }) => {
        await invitations.revoke(params.communityId, params.invitationId, actor);
      },
    }),
  ];
}

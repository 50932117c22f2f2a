import type { MemberAttributes } from '@scene/schema';
import type { MembershipRole } from '../auth/model';
import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { empty, failure, json } from '../../http/responses';
import { communityParams, itemsOf, obj, s } from '../../http/schemas';
import { member, memberAttributes, memberRole, pluginRoleGrants as pluginRoles } from './schemas';
import type { AddMemberInput, MemberService } from './members';

const role = memberRole;
const memberParams = obj({ communityId: s.communityId, accountId: s.id }, [
  'communityId',
  'accountId',
]);

export function memberRoutes(members: MemberService): AnyRoute[] {
  return [
    defineRoute<{
      params: { communityId: string };
      query: { role?: MembershipRole; limit: number };
    }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/members',
      summary: 'Members of a community with their roles',
      tags: ['members'],
      auth: auth.community('operator'),
      responses: { 200: json(itemsOf(member)) },
      params: communityParams,
      query: obj({ role, limit: s.limit(1000, 200) }),
      handler: async ({ params, query }) => ({
        items: await members.list(params.communityId, query),
      }),
    }),
    defineRoute<{ params: { communityId: string }; body: AddMemberInput }>()({
      method: 'post',
      path: '/api/v1/communities/:communityId/members',
      summary:
        'Create a new account with a role here (displayName and password); platform admins may also enrol an existing account by username',
      tags: ['members'],
      auth: auth.community('operator'),
      responses: {
        201: json(member, 'Added'),
        400: failure('The password is too weak (`weak_password`)'),
        403: failure(
          'An existing account joins only with an invitation its owner accepts (`consent_required`)',
        ),
        404: failure('Admins only: unknown username (`account_not_found`)'),
        409: failure(
          'Already a member (`already_member`), or the username is taken (`username_taken`)',
        ),
      },
      params: communityParams,
      body: obj(
        { username: s.username, role, pluginRoles, displayName: s.str(40), password: s.password },
        ['username', 'role'],
      ),
      handler: ({ actor, body }) => members.add(actor, body),
    }),
    defineRoute<{
      params: { communityId: string; accountId: string };
      body: { role?: MembershipRole; pluginRoles?: string[]; attributes?: MemberAttributes };
    }>()({
      method: 'patch',
      path: '/api/v1/communities/:communityId/members/:accountId',
      summary:
        "Change a member's role, plugin-role grants or attributes (age band, building, unit, household role, tags; replaced as a whole)",
      tags: ['members'],
      auth: auth.community('operator'),
      responses: { 200: json(member), 404: failure('No such member') },
      params: memberParams,
      body: { ...obj({ role, pluginRoles, attributes: memberAttributes }), minProperties: 1 },
      handler: ({ actor, params, body }) => members.update(actor, params.accountId, body),
    }),
    defineRoute<{
      params: { communityId: string; accountId: string };
      body: { password: string };
    }>()({
      method: 'post',
      path: '/api/v1/communities/:communityId/members/:accountId/password',
      summary:
        'Give a member who forgot their password a new one (residents and staff who belong to this community only); ends their sessions and API tokens, audited',
      tags: ['members'],
      auth: auth.community('operator'),
      responses: {
        204: empty('The new password is set'),
        400: failure('The password is too weak (`weak_password`)'),
        403: failure(
          'The account belongs to another community too, holds a platform role or is an operator (`reset_not_here`), or is your own',
        ),
        404: failure('No such member'),
      },
      params: memberParams,
      body: obj({ password: s.password }, ['password']),
      handler: async ({ actor, params, body }) => {
        await members.resetPassword(actor, params.accountId, body.password);
      },
    }),
    defineRoute<{ params: { communityId: string; accountId: string } }>()({
      method: 'delete',
      path: '/api/v1/communities/:communityId/members/:accountId',
      summary: 'Remove a member from the community',
      tags: ['members'],
      auth: auth.community('operator'),
      responses: { 204: empty('Removed'), 404: failure('No such member') },
      params: memberParams,
      handler: async ({ actor, params }) => {
        await members.remove(actor, params.accountId);
      },
    }),
  ];
}

import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { empty, failure, json } from '../../http/responses';
import { itemsOf, obj, s } from '../../http/schemas';
import type { RegionLevel } from './model';
import { region, regionId, regionLevel, regionOverview, regionTree, supervisor } from './schemas';
import type { RegionService } from './service';

const regionParams = obj({ regionId }, ['regionId']);
const supervisorParams = obj({ regionId, accountId: s.id }, ['regionId', 'accountId']);
const placementParams = obj({ regionId, communityId: s.communityId }, ['regionId', 'communityId']);

/**
 * The region tree and supervision. Every write is the admin's; the two reads are open to
 * admins and supervisors (the service checks the scope), and answer figures, never people.
 */
export function regionRoutes(regions: RegionService): AnyRoute[] {
  return [
    defineRoute<{ body: { id: string; name: string; level: RegionLevel; parentId?: string } }>()({
      method: 'post',
      path: '/api/v1/regions',
      summary: 'Add a region node (province → city → district → street) under its parent',
      tags: ['regions'],
      auth: auth.platform('admin'),
      responses: { 201: json(region, 'Created'), 409: failure('Id taken') },
      body: obj({ id: regionId, name: s.str(60), level: regionLevel, parentId: regionId }, [
        'id',
        'name',
        'level',
      ]),
      handler: ({ body, actor }) => regions.create(body, actor),
    }),
    defineRoute()({
      method: 'get',
      path: '/api/v1/regions',
      summary: 'The region tree: all of it for admins, a supervisor’s node and what is under it',
      tags: ['regions'],
      auth: auth.account,
      responses: { 200: json(regionTree) },
      handler: ({ actor }) => regions.tree(actor),
    }),
    defineRoute<{ params: { regionId: string } }>()({
      method: 'get',
      path: '/api/v1/regions/:regionId/overview',
      summary:
        'Figures of the communities under a node (counts, stages of publishing, resident head counts with small groups hidden); no records, no people',
      tags: ['regions'],
      auth: auth.account,
      responses: {
        200: json(regionOverview),
        404: failure('No such region, or outside the caller’s scope'),
      },
      params: regionParams,
      handler: ({ params, actor }) => regions.overview(params.regionId, actor),
    }),
    defineRoute<{ params: { regionId: string }; body: { name: string } }>()({
      method: 'patch',
      path: '/api/v1/regions/:regionId',
      summary: 'Rename a region node',
      tags: ['regions'],
      auth: auth.platform('admin'),
      responses: { 200: json(region), 404: failure('No such region') },
      params: regionParams,
      body: obj({ name: s.str(60) }, ['name']),
      handler: ({ params, body, actor }) => regions.rename(params.regionId, body.name, actor),
    }),
    defineRoute<{ params: { regionId: string } }>()({
      method: 'delete',
      path: '/api/v1/regions/:regionId',
      summary: 'Remove an empty region node',
      tags: ['regions'],
      auth: auth.platform('admin'),
      responses: {
        204: empty('Removed'),
        404: failure('No such region'),
        409: failure('The node still has regions, communities or supervisors under it'),
      },
      params: regionParams,
      handler: async ({ params, actor }) => {
        await regions.remove(params.regionId, actor);
      },
    }),
    defineRoute<{ params: { regionId: string; communityId: string } }>()({
      method: 'put',
      path: '/api/v1/regions/:regionId/communities/:communityId',
      summary: 'Place a community under a street (moves it when it had a place)',
      tags: ['regions'],
      auth: auth.platform('admin'),
      responses: { 204: empty('Placed'), 404: failure('No such street or community') },
      params: placementParams,
      handler: async ({ params, actor }) => {
        await regions.place(params.regionId, params.communityId, actor);
      },
    }),
    defineRoute<{ params: { regionId: string } }>()({
      method: 'get',
      path: '/api/v1/regions/:regionId/supervisors',
      summary: 'The supervisor accounts scoped to a node',
      tags: ['regions'],
      auth: auth.platform('admin'),
      responses: { 200: json(itemsOf(supervisor)) },
      params: regionParams,
      handler: async ({ params }) => ({ items: await regions.supervisors(params.regionId) }),
    }),
    defineRoute<{ params: { regionId: string; accountId: string } }>()({
      method: 'put',
      path: '/api/v1/regions/:regionId/supervisors/:accountId',
      summary:
        'Scope an account to a node as its supervisor (read-only figures; one node per account, a new one replaces the old)',
      tags: ['regions'],
      auth: auth.platform('admin'),
      responses: {
        204: empty('Assigned'),
        404: failure('No such region or account'),
        409: failure('The account has platform roles'),
      },
      params: supervisorParams,
      handler: async ({ params, actor }) => {
        await regions.assignSupervisor(params.regionId, params.accountId, actor);
      },
    }),
    defineRoute<{ params: { regionId: string; accountId: string } }>()({
      method: 'delete',
      path: '/api/v1/regions/:regionId/supervisors/:accountId',
      summary: 'End an account’s supervision of a node',
      tags: ['regions'],
      auth: auth.platform('admin'),
      responses: { 204: empty('Removed'), 404: failure('Not a supervisor of this node') },
      params: supervisorParams,
      handler: async ({ params, actor }) => {
        await regions.removeSupervisor(params.regionId, params.accountId, actor);
      },
    }),
  ];
}

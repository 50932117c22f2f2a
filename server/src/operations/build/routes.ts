import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { failure, json } from '../../http/responses';
import { communityParams, obj } from '../../http/schemas';
import { regionId } from '../../control/regions/schemas';
import { buildPlan, buildPlanInput, regionBuild } from './schemas';
import type { BuildPlanInput, BuildService } from './service';

/** Build stages and milestones: edited by the admin and the district supervisor, read above. */
export function buildRoutes(build: BuildService): AnyRoute[] {
  return [
    defineRoute<{ params: { communityId: string } }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/build',
      summary:
        'A community’s build stage (规划 → 建设 → 验收 → 运营) and milestones, late ones marked (days in the community’s zone). Admins, operators of the community, supervisors above it.',
      tags: ['operations'],
      auth: auth.account,
      responses: {
        200: json(buildPlan),
        403: failure('Neither operator, supervisor nor admin'),
        404: failure('No such community, or outside the supervisor’s scope'),
      },
      params: communityParams,
      handler: ({ actor, params }) => build.get(actor, params.communityId),
    }),
    defineRoute<{ params: { communityId: string }; body: BuildPlanInput }>()({
      method: 'put',
      path: '/api/v1/communities/:communityId/build',
      summary:
        'Sets the community’s stage and milestones (the whole list). The admin or the supervisor of the community’s district only.',
      tags: ['operations'],
      auth: auth.account,
      responses: {
        200: json(buildPlan),
        400: failure('Malformed stage or milestones'),
        403: failure('Not the admin or the district supervisor'),
        404: failure('No such community, or outside the supervisor’s scope'),
      },
      params: communityParams,
      body: buildPlanInput,
      handler: ({ actor, params, body }) => build.save(actor, params.communityId, body),
    }),
    defineRoute<{ params: { regionId: string } }>()({
      method: 'get',
      path: '/api/v1/regions/:regionId/build',
      summary:
        'Communities per build stage under a region node and the late milestones (planned day passed, not done).',
      tags: ['operations'],
      auth: auth.account,
      responses: {
        200: json(regionBuild),
        403: failure('Neither admin nor supervisor'),
        404: failure('No such region, or outside the caller’s scope'),
      },
      params: obj({ regionId }, ['regionId']),
      handler: ({ actor, params }) => build.region(actor, params.regionId),
    }),
  ];
}

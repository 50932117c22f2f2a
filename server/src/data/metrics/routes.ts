import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { json } from '../../http/responses';
import { communityParams } from '../../http/schemas';
import { communityMetrics as metricsSchema } from './schemas';
import type { DataPlane } from '../plane';
import { communityMetrics } from './service';

export function metricsRoutes(dp: DataPlane): AnyRoute[] {
  return [
    defineRoute<{ params: { communityId: string } }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/metrics',
      summary:
        'Per plugin: record counts by state, average time to resolve, average rating, points awarded and redeemed',
      tags: ['metrics'],
      auth: auth.community('operator'),
      responses: { 200: json(metricsSchema) },
      params: communityParams,
      handler: async ({ actor, params }) => ({
        plugins: await communityMetrics(dp, params.communityId, actor),
      }),
    }),
  ];
}

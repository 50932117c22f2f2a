import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { json } from '../../http/responses';
import { communityParams, obj, s } from '../../http/schemas';
import { pointsPage } from './schemas';
import type { DataPlane } from '../plane';
import { pointsOf } from './service';

export function pointsRoutes(dp: DataPlane): AnyRoute[] {
  return [
    defineRoute<{ params: { communityId: string }; query: { cursor?: string; limit?: number } }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/points/me',
      summary: 'My points balance and history in this community (newest first)',
      tags: ['points'],
      auth: auth.community('resident', 'staff', 'operator'),
      responses: { 200: json(pointsPage) },
      params: communityParams,
      query: obj({ cursor: { type: 'string', pattern: '^[0-9]{1,15}$' }, limit: s.limit(100, 20) }),
      handler: ({ actor, query }) =>
        pointsOf(dp.connection.db!, actor.communityId, actor.accountId, query),
    }),
  ];
}

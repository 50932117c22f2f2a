import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { failure, json } from '../../http/responses';
import { obj, s } from '../../http/schemas';
import type { DataPlane } from '../plane';
import { aggregateAnswer } from './schemas';
import { metricFigures } from './metrics';

type Params = { communityId: string; pluginId: string; metric: string };
type Query = { from?: string; to?: string; compare?: 'previous' };

/** A declared operations metric of an installed plugin, for the community's operators. */
export function aggregateRoutes(dp: DataPlane): AnyRoute[] {
  return [
    defineRoute<{ params: Params; query: Query }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/plugins/:pluginId/metrics/:metric',
      summary:
        'One operations metric a plugin declares (`metrics`): its aggregate over the community, by day / week / month, small groups suppressed. from, to: YYYY-MM-DD in the community time zone or ISO-8601; compare=previous',
      tags: ['metrics'],
      auth: auth.community('operator'),
      responses: {
        200: json(aggregateAnswer),
        400: failure('from / to malformed, reversed or longer than the query allows'),
        404: failure('Plugin not installed, or no such metric'),
      },
      params: obj(
        {
          communityId: s.communityId,
          pluginId: s.pluginId,
          metric: { type: 'string', pattern: '^[a-z][a-zA-Z0-9_]{0,39}$' },
        },
        ['communityId', 'pluginId', 'metric'],
      ),
      query: obj({ from: s.str(40), to: s.str(40), compare: { enum: ['previous'] } }),
      handler: ({ actor, params, query }) => metricFigures(dp, { ...params, caller: actor, query }),
    }),
  ];
}

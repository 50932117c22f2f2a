import { component } from '../../http/components';
import { arrayOf, nullable, obj } from '../../http/schemas';

const count = { type: 'integer' };

export const collectionMetrics = component(
  'CollectionMetrics',
  obj(
    {
      total: count,
      /** Records per workflow state (collections with a workflow). */
      byState: { type: 'object', additionalProperties: count },
      /** Mean milliseconds from creation to the first terminal state, over resolved records. */
      avgResolveMs: nullable({ type: 'number' }),
      resolved: count,
      /** Mean `rating` where the collection has one. */
      avgRating: nullable({ type: 'number' }),
      ratings: count,
    },
    ['total'],
  ),
);

export const communityMetrics = component(
  'CommunityMetrics',
  obj(
    {
      plugins: arrayOf(
        obj(
          {
            pluginId: { type: 'string' },
            collections: { type: 'object', additionalProperties: collectionMetrics },
            points: obj({ awarded: count, redeemed: count }, ['awarded', 'redeemed']),
          },
          ['pluginId', 'collections', 'points'],
        ),
      ),
    },
    ['plugins'],
  ),
);

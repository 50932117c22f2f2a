import { component } from '../../http/components';
import { arrayOf, nullable, obj } from '../../http/schemas';
import { REGION_LEVELS } from './model';

export const regionLevel = { enum: [...REGION_LEVELS] };
export const regionId = { type: 'string', pattern: '^[a-z0-9-]{2,40}$' };
const count = { type: 'integer', minimum: 0 };
/** A head count, `null` when it covers too few people to show. */
const headCount = nullable(count);

export const region = component(
  'Region',
  obj(
    {
      id: { type: 'string' },
      name: { type: 'string' },
      level: regionLevel,
      parentId: nullable({ type: 'string' }),
      path: arrayOf({ type: 'string' }),
    },
    ['id', 'name', 'level', 'parentId', 'path'],
  ),
);

export const regionTree = component(
  'RegionTree',
  obj(
    {
      /** The node a supervisor is scoped to; `null` for administrators (the whole tree). */
      scope: nullable({ type: 'string' }),
      items: arrayOf(region),
    },
    ['scope', 'items'],
  ),
);

export const regionOverview = component(
  'RegionOverview',
  obj(
    {
      region,
      trail: arrayOf(
        obj({ id: { type: 'string' }, name: { type: 'string' }, level: regionLevel }, [
          'id',
          'name',
          'level',
        ]),
      ),
      communities: count,
      byType: obj({ 'new-build': count, renovation: count }, ['new-build', 'renovation']),
      published: count,
      residents: headCount,
      children: arrayOf(
        obj(
          {
            id: { type: 'string' },
            name: { type: 'string' },
            level: regionLevel,
            communities: count,
            residents: headCount,
          },
          ['id', 'name', 'level', 'communities', 'residents'],
        ),
      ),
      list: arrayOf(
        obj(
          {
            id: { type: 'string' },
            name: { type: 'string' },
            streetId: { type: 'string' },
            type: { enum: ['new-build', 'renovation'] },
            published: { type: 'boolean' },
            residents: headCount,
          },
          ['id', 'name', 'streetId', 'type', 'published', 'residents'],
        ),
      ),
    },
    ['region', 'trail', 'communities', 'byType', 'published', 'residents', 'children', 'list'],
  ),
);

export const supervisor = component(
  'Supervisor',
  obj(
    {
      accountId: { type: 'string' },
      username: { type: 'string' },
      displayName: { type: 'string' },
      regionId: { type: 'string' },
    },
    ['accountId', 'username', 'displayName', 'regionId'],
  ),
);

import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { failure, json } from '../../http/responses';
import { obj, s } from '../../http/schemas';
import type { DataPlane } from '../plane';
import { listAssignees } from './assign';
import { assigneeList } from './schemas';

/** A role as a manifest names it: a platform role or `plugin:<roleId>`. */
const roleRef = {
  type: 'string',
  pattern: '^(?:operator|staff|resident|admin|plugin:[a-z][a-zA-Z0-9_]{0,39})$',
};

export function peopleRoutes(dp: DataPlane): AnyRoute[] {
  return [
    defineRoute<{
      params: { communityId: string; pluginId: string };
      query: { role: string };
    }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/plugins/:pluginId/assignees',
      summary:
        'Who holds `role` in the community (display names), for the picker of a step that assigns to it; only for those who may run such a step',
      tags: ['records'],
      auth: auth.community('resident', 'staff', 'operator'),
      responses: {
        200: json(assigneeList),
        404: failure('Plugin not installed, or no step of it assigns to that role'),
      },
      params: obj({ communityId: s.communityId, pluginId: s.pluginId }, [
        'communityId',
        'pluginId',
      ]),
      query: obj({ role: roleRef }, ['role']),
      handler: async ({ actor, params, query }) => ({
        items: await listAssignees(dp, { ...params, role: query.role, caller: actor }),
      }),
    }),
  ];
}

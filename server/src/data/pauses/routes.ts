import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { failure, json } from '../../http/responses';
import { obj, s } from '../../http/schemas';
import type { DataPlane } from '../plane';
import { liftAnswer, pauseAnswer, pausedList } from './schemas';
import { liftPause, myPause, pausedPeople } from './service';

type PluginParams = { communityId: string; pluginId: string };
const pluginParams = (extra: Record<string, object>) =>
  obj({ communityId: s.communityId, pluginId: s.pluginId, ...extra }, [
    'communityId',
    'pluginId',
    ...Object.keys(extra),
  ]);
const name = { type: 'string', pattern: '^[a-z][a-zA-Z0-9_]{0,63}$' };

/** Pauses after repeated records (`guard` on create actions): one's own, and lifting them early. */
export function pauseRoutes(dp: DataPlane): AnyRoute[] {
  return [
    defineRoute<{ params: PluginParams & { action: string }; query: { for?: string } }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/plugins/:pluginId/actions/:action/pause',
      summary:
        "Whether the action's guard pauses the caller now (repeated no-shows): the day it opens again and the plugin's words, or until null. Query: for (the account id of a family member who allowed the caller to act for them, on an action with `onBehalf`): their pause instead",
      tags: ['records'],
      auth: auth.community('resident', 'staff', 'operator'),
      responses: {
        200: json(pauseAnswer),
        403: failure(
          'That person has not allowed the caller to act for them (`not_allowed_to_act`), or the action cannot be done for someone else (`no_on_behalf`)',
        ),
        404: failure('Plugin not installed, or no such action'),
      },
      params: pluginParams({ action: name }),
      query: obj({ for: s.id }),
      handler: ({ actor, params, query }) =>
        myPause(dp, { ...params, caller: actor, forAccountId: query.for }),
    }),
    defineRoute<{ params: PluginParams & { guard: string } }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/plugins/:pluginId/guards/:guard/paused',
      summary:
        'Who the guard pauses now (display names) and until when, for the roles its `lift` names',
      tags: ['records'],
      auth: auth.community('resident', 'staff', 'operator'),
      responses: {
        200: json(pausedList),
        403: failure('The role may not lift this guard’s pauses'),
        404: failure('Plugin not installed, or no such guard'),
      },
      params: pluginParams({ guard: name }),
      handler: async ({ actor, params }) => ({
        items: await pausedPeople(dp, { ...params, caller: actor }),
      }),
    }),
    defineRoute<{
      params: PluginParams & { guard: string };
      body: { accountId: string; note: string };
    }>()({
      method: 'post',
      path: '/api/v1/communities/:communityId/plugins/:pluginId/guards/:guard/lift',
      summary:
        "End a person's pause early with a note, for the roles the guard's `lift` names (audited: who, whose, until when, the note)",
      tags: ['records'],
      auth: auth.community('resident', 'staff', 'operator'),
      responses: {
        200: json(liftAnswer, 'Lifted; the day it would have lasted until'),
        400: failure('No note, or a blank one (`note_required`)'),
        403: failure('The role may not lift this guard’s pauses'),
        404: failure('Plugin not installed, or no such guard'),
        409: failure('The person is not paused (`not_paused`)'),
      },
      params: pluginParams({ guard: name }),
      body: obj({ accountId: s.id, note: s.str(200, 1) }, ['accountId', 'note']),
      handler: ({ actor, params, body }) =>
        liftPause(dp, { ...params, caller: actor, accountId: body.accountId, note: body.note }),
    }),
  ];
}

import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { json } from '../../http/responses';
import { obj, s } from '../../http/schemas';
import type { DataPlane } from '../plane';
import { scheduleRuns } from './schemas';
import { runs } from './store';

type Q = { pluginId: string; schedule?: string; limit: number };

/** The run log operators read: what each schedule did, newest first. */
export function scheduleRoutes(dp: DataPlane): AnyRoute[] {
  return [
    defineRoute<{ params: { communityId: string }; query: Q }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/schedule-runs',
      summary:
        "A plugin's schedule runs in this community, newest first: matched, acted, skipped, late, failed",
      tags: ['installations'],
      auth: auth.community('operator'),
      responses: { 200: json(scheduleRuns) },
      params: obj({ communityId: s.communityId }, ['communityId']),
      query: obj({ pluginId: s.pluginId, schedule: s.identifier, limit: s.limit(100, 20) }, [
        'pluginId',
      ]),
      handler: async ({ params, query }) => {
        const rows = await runs(dp.connection.db!)
          .find(
            {
              communityId: params.communityId,
              pluginId: query.pluginId,
              ...(query.schedule ? { schedule: query.schedule } : {}),
            },
            { sort: { occurrence: -1 }, limit: query.limit },
          )
          .toArray();
        return {
          items: rows.map((r) => ({
            pluginId: r.pluginId,
            schedule: r.schedule,
            kind: r.kind,
            occurrence: r.occurrence.toISOString(),
            status: r.status,
            matched: r.matched,
            acted: r.acted,
            skipped: r.skipped,
            late: r.late,
            failed: r.failed,
            startedAt: r.startedAt.toISOString(),
            ...(r.finishedAt ? { finishedAt: r.finishedAt.toISOString() } : {}),
          })),
        };
      },
    }),
  ];
}

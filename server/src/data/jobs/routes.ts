import { json } from '../../http/responses';
import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { retentionReport } from './schemas';
import type { DataPlane } from '../plane';
import { runRetention } from './retention-job';

export function jobRoutes(dp: DataPlane): AnyRoute[] {
  return [
    defineRoute()({
      method: 'post',
      path: '/api/v1/admin/jobs/retention',
      summary: 'Purge records past their retention period now (safe to repeat)',
      tags: ['jobs'],
      auth: auth.platform('admin'),
      responses: { 200: json(retentionReport, 'Purged; how much of each') },
      handler: async ({ actor }) => {
        const report = await runRetention(dp.connection.db!, dp.now?.() ?? new Date());
        await dp.audit.record(actor, {
          action: 'jobs.retention',
          target: { type: 'job', id: 'retention' },
          summary: { ...report.records },
        });
        return report;
      },
    }),
  ];
}

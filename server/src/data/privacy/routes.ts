import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { json } from '../../http/responses';
import { obj } from '../../http/schemas';
import { deletionReport, myDataExport } from './schemas';
import type { DataPlane } from '../plane';
import { deleteMyData, exportMyData } from './service';

/** PIPL rights over one's own data: a copy, and deletion. */
export function privacyRoutes(dp: DataPlane): AnyRoute[] {
  return [
    defineRoute()({
      method: 'get',
      path: '/api/v1/me/data-export',
      summary: 'Everything I created (records, points, inbox, photo list) as JSON',
      tags: ['privacy'],
      auth: auth.account,
      responses: { 200: json(myDataExport, 'A JSON attachment: everything I created') },
      handler: async ({ actor, res }) => {
        res.set('Content-Disposition', 'attachment; filename="my-data.json"');
        return exportMyData(dp, actor.accountId);
      },
    }),
    defineRoute<{ body: { confirm: true } }>()({
      method: 'post',
      path: '/api/v1/me/data-deletion',
      summary:
        'Delete everything I created (records, points history, inbox, photos); body {confirm: true}',
      tags: ['privacy'],
      auth: auth.account,
      responses: { 200: json(deletionReport, 'Deleted; how much of each') },
      body: obj({ confirm: { const: true } }, ['confirm']),
      handler: async ({ actor }) => {
        const report = await deleteMyData(dp, actor.accountId);
        await dp.audit.record(actor, {
          action: 'privacy.delete-my-data',
          target: { type: 'account', id: actor.accountId },
          summary: { ...report },
        });
        return report;
      },
    }),
  ];
}

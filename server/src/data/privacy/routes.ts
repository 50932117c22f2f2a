import type { Config } from '../../config';
import { clearSessionCookie } from '../../control/auth/caller';
import { sourceAddress } from '../../control/auth/throttle';
import { conflict } from '../../http/errors';
import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { failure, json } from '../../http/responses';
import { obj, s } from '../../http/schemas';
import { deletionReport, myDataExport } from './schemas';
import type { DataPlane } from '../plane';
import { deleteMyData } from './erasure';
import { exportMyData } from './service';

/** PIPL rights over one's own data: a copy, erasure, and closing the account. */
export function privacyRoutes(dp: DataPlane, config: Pick<Config, 'mode'>): AnyRoute[] {
  return [
    defineRoute()({
      method: 'get',
      path: '/api/v1/me/data-export',
      summary:
        'Everything I created (records, points, inbox, photo list), and records others wrote about me, as JSON',
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
        'Erase everything I created (records, points history, inbox, photos, stored replies) and records others wrote about me; votes and signatures are kept anonymously, records assigned to me name nobody; body {confirm: true}',
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
    defineRoute<{ body: { password: string } }>()({
      method: 'post',
      path: '/api/v1/me/account-closure',
      summary:
        'Close my account for good: my data is erased as by data-deletion, then my memberships, sessions, API tokens and the account itself are deleted. Needs my password',
      tags: ['privacy'],
      auth: auth.account,
      responses: {
        200: json(deletionReport, 'Closed; what was erased'),
        401: failure('The password is wrong (`invalid_credentials`)'),
        409: failure('Accounts with platform roles are closed by an administrator (`conflict`)'),
      },
      throttled: true,
      body: obj({ password: s.str(200) }, ['password']),
      handler: async ({ actor, body, req, res }) => {
        await dp.accounts.confirmPassword(actor, body.password, sourceAddress(req.ip));
        if (actor.platformRoles.length > 0) {
          throw conflict('Accounts with platform roles are closed by an administrator.');
        }
        const report = await deleteMyData(dp, actor.accountId);
        await dp.audit.record(actor, {
          action: 'privacy.delete-my-data',
          target: { type: 'account', id: actor.accountId },
          summary: { ...report },
        });
        await dp.accounts.closeAccount(actor);
        clearSessionCookie(res, config);
        return report;
      },
    }),
  ];
}

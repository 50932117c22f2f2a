import { randomBytes } from 'node:crypto';
import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { conflict } from '../../http/errors';
import { failure, json } from '../../http/responses';
import { communityParams, obj, s } from '../../http/schemas';
import type { DataPlane } from '../plane';
import { hasScope } from '../records/roles';
import { readPrefs, writePrefs, type NotifyPrefs } from './preferences';
import { deliveryPage, notifySettings, webhookView } from './schemas';
import {
  activeWebhook,
  listDeliveries,
  queueDelivery,
  readWebhook,
  writeWebhook,
  type DeliveryDoc,
} from './webhook';

const channels = obj({ inbox: { type: 'boolean' }, webhook: { type: 'boolean' } }, [
  'inbox',
  'webhook',
]);

/** My notification settings (any member), and the community's webhook and its log (operators). */
export function notificationSettingsRoutes(dp: DataPlane): AnyRoute[] {
  const db = () => dp.connection.db!;
  const settings = async (communityId: string, prefs: NotifyPrefs) => {
    const plugins = (await dp.installed.list(communityId))
      .filter((p) => p.status === 'enabled' && hasScope(p.manifest, 'notify:send'))
      .map((p) => ({ pluginId: p.pluginId, name: p.manifest.name }));
    return {
      ...prefs,
      plugins,
      webhook: (await activeWebhook(db(), communityId)) !== null,
    };
  };
  return [
    defineRoute<{ params: { communityId: string } }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/me/notification-settings',
      summary: 'My notification settings here: muted plugins and channels',
      tags: ['notifications'],
      auth: auth.community('resident', 'staff', 'operator'),
      responses: { 200: json(notifySettings) },
      params: communityParams,
      handler: async ({ actor, params }) =>
        settings(params.communityId, await readPrefs(db(), params.communityId, actor.accountId)),
    }),
    defineRoute<{ params: { communityId: string }; body: NotifyPrefs }>()({
      method: 'put',
      path: '/api/v1/communities/:communityId/me/notification-settings',
      summary: 'Change my notification settings here (whole settings)',
      tags: ['notifications'],
      auth: auth.community('resident', 'staff', 'operator'),
      responses: { 200: json(notifySettings) },
      params: communityParams,
      body: obj(
        {
          muted: { type: 'array', maxItems: 100, uniqueItems: true, items: s.pluginId },
          channels,
        },
        ['muted', 'channels'],
      ),
      handler: async ({ actor, params, body }) =>
        settings(
          params.communityId,
          await writePrefs(db(), params.communityId, actor.accountId, body),
        ),
    }),
    defineRoute<{ params: { communityId: string } }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/notifications/webhook',
      summary: "The community's webhook for notices (the secret is never shown)",
      tags: ['notifications'],
      auth: auth.community('operator'),
      responses: { 200: json(webhookView) },
      params: communityParams,
      handler: ({ params }) => readWebhook(db(), params.communityId),
    }),
    defineRoute<{
      params: { communityId: string };
      body: { url: string; secret?: string; enabled: boolean };
    }>()({
      method: 'put',
      path: '/api/v1/communities/:communityId/notifications/webhook',
      summary:
        'Point notices at a gateway: every delivery is POSTed with `X-Scene-Signature: sha256=HMAC(secret, "<X-Scene-Timestamp>.<body>")`; failures are retried with backoff',
      tags: ['notifications'],
      auth: auth.community('operator'),
      responses: { 200: json(webhookView) },
      params: communityParams,
      body: obj({ url: s.str(500), secret: s.str(200, 16), enabled: { type: 'boolean' } }, [
        'url',
        'enabled',
      ]),
      handler: async ({ actor, params, body }) => {
        const view = await writeWebhook(db(), params.communityId, body, actor.accountId, {
          allowPrivate: dp.notifications.policy.webhook.allowPrivate,
        });
        await dp.audit.record(actor, {
          action: 'notify.webhook',
          target: { type: 'community', id: params.communityId },
          communityId: params.communityId,
          summary: {
            host: new URL(view.url!).host,
            enabled: view.enabled,
            secretChanged: body.secret !== undefined,
          },
        });
        return view;
      },
    }),
    defineRoute<{ params: { communityId: string } }>()({
      method: 'post',
      path: '/api/v1/communities/:communityId/notifications/webhook/test',
      summary: 'Send a test delivery to the webhook (it appears in the delivery log)',
      tags: ['notifications'],
      auth: auth.community('operator'),
      responses: {
        202: json(obj({ id: { type: 'string' } }, ['id']), 'Queued'),
        409: failure('The webhook is not switched on (`webhook_off`)'),
      },
      params: communityParams,
      handler: async ({ params }) => {
        if (!(await activeWebhook(db(), params.communityId)))
          throw conflict('Switch the webhook on first.', { code: 'webhook_off' });
        const id = `test-${randomBytes(8).toString('hex')}`;
        const title = { 'zh-CN': '测试通知', en: 'Test notice' };
        const createdAt = new Date();
        const delivery: Omit<DeliveryDoc, 'status' | 'attempts' | 'nextAttemptAt'> = {
          _id: id,
          communityId: params.communityId,
          pluginId: 'platform',
          title,
          recipients: 0,
          payload: JSON.stringify({
            id,
            communityId: params.communityId,
            test: true,
            title,
            recipients: [],
            createdAt: createdAt.toISOString(),
          }),
          createdAt,
        };
        await queueDelivery(db(), delivery);
        return { id };
      },
    }),
    defineRoute<{
      params: { communityId: string };
      query: { cursor?: string; limit: number; status?: DeliveryDoc['status'] };
    }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/notifications/deliveries',
      summary: 'The webhook delivery log, newest first: every attempt with its answer',
      tags: ['notifications'],
      auth: auth.community('operator'),
      responses: { 200: json(deliveryPage) },
      params: communityParams,
      query: obj({
        cursor: { type: 'string', pattern: '^[0-9]{1,15}_[A-Za-z0-9#-]{1,80}$' },
        limit: s.limit(100, 20),
        status: { enum: ['pending', 'delivered', 'failed'] },
      }),
      handler: ({ params, query }) => listDeliveries(db(), params.communityId, query),
    }),
  ];
}

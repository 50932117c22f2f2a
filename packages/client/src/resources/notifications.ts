import type { Body, Query, Schemas } from '../contract';
import { communityPath } from '../contract';
import type { HttpClient } from '../http';

export type NotifySettings = Schemas['NotifySettings'];
export type NotifySettingsInput = Body<
  '/api/v1/communities/{communityId}/me/notification-settings',
  'put'
>;
export type WebhookSettings = Schemas['WebhookSettings'];
export type WebhookInput = Body<'/api/v1/communities/{communityId}/notifications/webhook', 'put'>;
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type WebhookDeliveryPage = Schemas['WebhookDeliveryPage'];
export type DeliveryQuery = Query<
  '/api/v1/communities/{communityId}/notifications/deliveries',
  'get'
>;

/** My notification settings, and a community's webhook with its delivery log (operators). */
export interface NotificationsApi {
  settings(communityId: string): Promise<NotifySettings>;
  saveSettings(communityId: string, input: NotifySettingsInput): Promise<NotifySettings>;
  webhook(communityId: string): Promise<WebhookSettings>;
  saveWebhook(communityId: string, input: WebhookInput): Promise<WebhookSettings>;
  /** Queues a test delivery; it shows in the log like any other. */
  testWebhook(communityId: string): Promise<{ id: string }>;
  deliveries(communityId: string, query?: DeliveryQuery): Promise<WebhookDeliveryPage>;
}

export function notificationsApi(http: HttpClient): NotificationsApi {
  const settings = (c: string) => `${communityPath(c)}/me/notification-settings`;
  const hook = (c: string, rest = '') => `${communityPath(c)}/notifications${rest}`;
  return {
    settings: (c) => http.request('GET', settings(c)),
    saveSettings: (c, input) => http.request('PUT', settings(c), { body: input }),
    webhook: (c) => http.request('GET', hook(c, '/webhook')),
    saveWebhook: (c, input) => http.request('PUT', hook(c, '/webhook'), { body: input }),
    testWebhook: (c) => http.request('POST', hook(c, '/webhook/test')),
    deliveries: (c, query = { limit: 20 }) =>
      http.request('GET', hook(c, '/deliveries'), { query }),
  };
}

import { component } from '../../http/components';
import { arrayOf, dateTime, localizedText, nullable, obj } from '../../http/schemas';

export const inboxMessage = component(
  'InboxMessage',
  obj(
    {
      id: { type: 'string' },
      communityId: { type: 'string' },
      pluginId: { type: 'string' },
      /** The record the message is about, and the view that shows it. */
      recordId: nullable({ type: 'string' }),
      view: nullable({ type: 'string' }),
      title: localizedText,
      body: nullable(localizedText),
      read: { type: 'boolean' },
      createdAt: dateTime,
    },
    ['id', 'communityId', 'pluginId', 'recordId', 'view', 'title', 'body', 'read', 'createdAt'],
  ),
);

export const inboxPage = component(
  'InboxPage',
  obj(
    {
      items: arrayOf(inboxMessage),
      unread: { type: 'integer' },
      nextCursor: nullable({ type: 'string' }),
    },
    ['items', 'unread', 'nextCursor'],
  ),
);

export const unreadCount = component(
  'UnreadCount',
  obj({ unread: { type: 'integer' } }, ['unread']),
);

export const markedRead = component(
  'MarkedRead',
  obj({ marked: { type: 'integer' }, unread: { type: 'integer' } }, ['marked', 'unread']),
);

export const notifySettings = component(
  'NotifySettings',
  obj(
    {
      /** Plugins whose notices I do not want, on any channel. */
      muted: arrayOf({ type: 'string' }),
      channels: obj({ inbox: { type: 'boolean' }, webhook: { type: 'boolean' } }, [
        'inbox',
        'webhook',
      ]),
      /** The community's plugins that send notices, to choose from. */
      plugins: arrayOf(
        obj({ pluginId: { type: 'string' }, name: localizedText }, ['pluginId', 'name']),
      ),
      /** Whether the community sends notices on to a gateway (SMS, WeChat) at all. */
      webhook: { type: 'boolean' },
    },
    ['muted', 'channels', 'plugins', 'webhook'],
  ),
);

export const webhookView = component(
  'WebhookSettings',
  obj(
    {
      url: nullable({ type: 'string' }),
      enabled: { type: 'boolean' },
      /** The secret's last 4 characters; the secret itself is never shown again. */
      secretHint: nullable({ type: 'string' }),
      updatedAt: nullable(dateTime),
    },
    ['url', 'enabled', 'secretHint', 'updatedAt'],
  ),
);

export const deliveryView = component(
  'WebhookDelivery',
  obj(
    {
      id: { type: 'string' },
      pluginId: { type: 'string' },
      title: localizedText,
      recipients: { type: 'integer' },
      status: { enum: ['pending', 'delivered', 'failed'] },
      attempts: arrayOf(
        obj(
          {
            at: dateTime,
            /** The gateway's HTTP status, when it answered. */
            status: nullable({ type: 'integer' }),
            error: nullable({ type: 'string' }),
            ms: { type: 'integer' },
          },
          ['at', 'status', 'error', 'ms'],
        ),
      ),
      nextAttemptAt: nullable(dateTime),
      createdAt: dateTime,
      deliveredAt: nullable(dateTime),
    },
    [
      'id',
      'pluginId',
      'title',
      'recipients',
      'status',
      'attempts',
      'nextAttemptAt',
      'createdAt',
      'deliveredAt',
    ],
  ),
);

export const deliveryPage = component(
  'WebhookDeliveryPage',
  obj({ items: arrayOf(deliveryView), nextCursor: nullable({ type: 'string' }) }, [
    'items',
    'nextCursor',
  ]),
);

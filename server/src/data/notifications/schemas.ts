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

import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { json } from '../../http/responses';
import { obj, s } from '../../http/schemas';
import { inboxPage, markedRead, unreadCount as unreadCountSchema } from './schemas';
import type { DataPlane } from '../plane';
import { listInbox, markRead, MESSAGE_ID, unreadCount } from './service';

const messageId = { type: 'string', pattern: MESSAGE_ID };

export function inboxRoutes(dp: DataPlane): AnyRoute[] {
  const db = () => dp.connection.db!;
  return [
    defineRoute<{
      query: { cursor?: string; limit?: number; unreadOnly?: boolean; communityId?: string };
    }>()({
      method: 'get',
      path: '/api/v1/me/inbox',
      summary: 'My inbox, newest first, with the unread count',
      tags: ['notifications'],
      auth: auth.account,
      responses: { 200: json(inboxPage) },
      query: obj({
        cursor: messageId,
        limit: s.limit(100, 20),
        unreadOnly: { type: 'boolean' },
        communityId: s.communityId,
      }),
      handler: ({ actor, query }) => listInbox(db(), actor.accountId, query),
    }),
    defineRoute<{ query: { communityId?: string } }>()({
      method: 'get',
      path: '/api/v1/me/inbox/unread-count',
      summary: 'How many unread messages I have',
      tags: ['notifications'],
      auth: auth.account,
      responses: { 200: json(unreadCountSchema) },
      query: obj({ communityId: s.communityId }),
      handler: async ({ actor, query }) => ({
        unread: await unreadCount(db(), actor.accountId, query.communityId),
      }),
    }),
    defineRoute<{ body: { ids?: string[]; all?: boolean } }>()({
      method: 'post',
      path: '/api/v1/me/inbox/read',
      summary: 'Mark messages read: {ids: [...]} or {all: true}',
      tags: ['notifications'],
      auth: auth.account,
      responses: { 200: json(markedRead, 'Marked; with the unread count left') },
      body: obj({
        ids: { type: 'array', items: messageId, maxItems: 200 },
        all: { type: 'boolean' },
      }),
      handler: ({ actor, body }) =>
        markRead(db(), actor.accountId, body.all ? 'all' : (body.ids ?? [])),
    }),
  ];
}

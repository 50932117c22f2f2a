import type { Query, Schemas } from '../contract';
import type { HttpClient } from '../http';

export type InboxPage = Schemas['InboxPage'];
export type InboxMessage = Schemas['InboxMessage'];
export type InboxQuery = Query<'/api/v1/me/inbox', 'get'>;

/** My messages (plugin notifications), newest first. */
export interface InboxApi {
  list(query?: InboxQuery): Promise<InboxPage>;
  unreadCount(communityId?: string): Promise<number>;
  /** Marks messages read (`'all'` for every one); answers the unread count left. */
  markRead(ids: string[] | 'all'): Promise<number>;
}

export function inboxApi(http: HttpClient): InboxApi {
  return {
    list: (query = {}) => http.request('GET', '/api/v1/me/inbox', { query }),
    unreadCount: async (communityId) =>
      (
        await http.request<Schemas['UnreadCount']>('GET', '/api/v1/me/inbox/unread-count', {
          query: { communityId },
        })
      ).unread,
    markRead: async (ids) =>
      (
        await http.request<Schemas['MarkedRead']>('POST', '/api/v1/me/inbox/read', {
          body: ids === 'all' ? { all: true } : { ids },
        })
      ).unread,
  };
}

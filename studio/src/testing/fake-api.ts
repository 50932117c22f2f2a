import {
  ApiError,
  DraftConflictError,
  StudioApi,
  type CommunitySummary,
  type HttpClient,
  type SessionUser,
} from '@scene/client';
import type { Portal } from '@scene/schema';

/** A StudioApi whose session calls answer from memory; other calls are stubbed per test. */
export function fakeApi(
  opts: { user?: SessionUser | null; communities?: CommunitySummary[] } = {},
): StudioApi {
  const api = new StudioApi(null as unknown as HttpClient);
  let session: SessionUser | null = opts.user ?? null;
  api.me = async () => session;
  api.login = async (username, password) => {
    if (password !== 'right' || !opts.user || opts.user.username !== username) {
      throw new ApiError(401, 'unauthorized', 'Bad credentials');
    }
    session = opts.user;
    return session;
  };
  api.logout = async () => {
    session = null;
  };
  api.communities = async () => opts.communities ?? [];
  return api;
}

export const operator: SessionUser = {
  id: 'u1',
  username: 'op',
  displayName: '运营小王',
  roles: ['operator'],
  memberships: [
    { communityId: 'c1', role: 'operator' },
    { communityId: 'c2', role: 'operator' },
  ],
};

export const resident: SessionUser = {
  id: 'u2',
  username: 'res',
  displayName: '居民老李',
  roles: ['resident'],
  memberships: [{ communityId: 'c1', role: 'resident' }],
};

export const communities: CommunitySummary[] = [
  { id: 'c1', name: { 'zh-CN': '幸福里', en: 'Xingfuli' } },
  { id: 'c2', name: { 'zh-CN': '未来城', en: 'Future City' } },
];

/** An in-memory draft with etags, answering like the server: stale If-Match → 412. */
export interface FakeDraftServer {
  portal: Portal;
  etag: string;
  writes: number;
  /** Another operator saves a change; the next save from the studio must conflict. */
  otherOperatorSaves(change: (p: Portal) => void): void;
}

export function withDraftServer(api: StudioApi, initial: Portal): FakeDraftServer {
  let n = 1;
  const server: FakeDraftServer = {
    portal: JSON.parse(JSON.stringify(initial)),
    etag: '"1"',
    writes: 0,
    otherOperatorSaves(change) {
      change(server.portal);
      server.etag = `"${++n}"`;
    },
  };
  api.draft = async () => ({
    portal: JSON.parse(JSON.stringify(server.portal)),
    etag: server.etag,
    updatedBy: 'other',
  });
  api.saveDraft = async (_id, portal, etag) => {
    if (etag !== server.etag) {
      throw new DraftConflictError(new ApiError(412, 'precondition_failed', 'Draft changed'));
    }
    server.portal = JSON.parse(JSON.stringify(portal));
    server.etag = `"${++n}"`;
    server.writes++;
    return { portal, etag: server.etag };
  };
  return server;
}

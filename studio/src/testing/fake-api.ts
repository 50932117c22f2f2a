import {
  ApiError,
  DraftConflictError,
  type Api,
  type CommunitiesApi,
  type Community,
  type Me,
  type PortalsApi,
  type SessionApi,
} from '@scene/client';
import type { Portal } from '@scene/schema';
import { fakeClient, fakeResource } from './fake-client';

/** An Api whose session calls answer from memory; other calls are faked per test. */
export function fakeApi(opts: { user?: Me | null; communities?: Community[] } = {}): Api {
  let session: Me | null = opts.user ?? null;
  return fakeClient({
    session: fakeResource<SessionApi>('session', {
      me: async () => session,
      login: async (username, password) => {
        if (password !== 'right' || !opts.user || opts.user.account.username !== username) {
          throw new ApiError(401, 'unauthorized', 'Bad credentials');
        }
        session = opts.user;
        return { account: session.account, expiresAt: '2030-01-01T00:00:00.000Z' };
      },
      logout: async () => {
        session = null;
      },
    }),
    communities: fakeResource<CommunitiesApi>('communities', {
      list: async () => opts.communities ?? [],
    }),
  });
}

const account = (id: string, username: string, displayName: string): Me['account'] => ({
  id,
  username,
  displayName,
  platformRoles: [],
  disabled: false,
  createdAt: '2025-01-01T00:00:00.000Z',
});

export const operator: Me = {
  account: account('u1', 'op', '运营小王'),
  memberships: [
    { communityId: 'c1', role: 'operator', pluginRoles: [] },
    { communityId: 'c2', role: 'operator', pluginRoles: [] },
  ],
};

export const vendor: Me = {
  account: { ...account('v1', 'vendor-acme', 'Acme'), platformRoles: ['vendor'], vendorId: 'acme' },
  memberships: [],
};

export const resident: Me = {
  account: account('u2', 'res', '居民老李'),
  memberships: [{ communityId: 'c1', role: 'resident', pluginRoles: [] }],
};

const community = (id: string, name: string): Community => ({
  id,
  name,
  city: '杭州',
  timeZone: 'Asia/Shanghai',
  district: '西湖区',
  type: 'renovation',
  enabledScenes: [],
  theme: { primaryColor: '#1f7a5c' },
  status: 'active',
  publishedVersion: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
});

export const communities: Community[] = [community('c1', '幸福里'), community('c2', '未来城')];

/** An in-memory draft with etags, answering like the server: stale If-Match → 412. */
export interface FakeDraftServer {
  portal: Portal;
  etag: string;
  writes: number;
  /** Another operator saves a change; the next save from the studio must conflict. */
  otherOperatorSaves(change: (p: Portal) => void): void;
}

export function withDraftServer(api: Api, initial: Portal): FakeDraftServer {
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
  api.portals = fakeResource<PortalsApi>('portals', {
    draft: async () => ({
      portal: JSON.parse(JSON.stringify(server.portal)),
      rev: n,
      etag: server.etag,
      updatedBy: 'other',
    }),
    saveDraft: async (_id, portal, etag) => {
      if (etag !== server.etag) {
        throw new DraftConflictError(new ApiError(412, 'precondition_failed', 'Draft changed'));
      }
      server.portal = JSON.parse(JSON.stringify(portal));
      server.etag = `"${++n}"`;
      server.writes++;
      return { portal, rev: n, etag: server.etag, report: { ok: true, errors: [], warnings: [] } };
    },
  });
  return server;
}

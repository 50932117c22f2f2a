// The caller cache across two server processes on one database: a change made through one is
// seen by the other within about a second (the change feed's poll), and at once by the one
// that made it — roles, removal, logout, a disabled account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ACTOR } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';

const db = useTestDatabase('caller-cache');
const C = 'c-callers';
let a: TestServer;
let b: TestServer;
let admin: { token: string; accountId: string };

beforeAll(async () => {
  a = await startTestServer(db.connection());
  b = await startTestServer(db.connection());
  await a.services.communities.create(
    { id: C, name: '缓存社区', city: '杭州', district: '西湖区', type: 'new-build' },
    ADMIN_ACTOR,
  );
  admin = await sessionFor(a.services, { username: 'cache-admin', platformRoles: ['admin'] });
}, 120_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
});

const members = `/api/v1/communities/${C}/members`;

/** Asks until the answer has `status` (the other process reads the feed once a second). */
async function eventually(t: TestServer, path: string, as: string, status: number) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await t.call('GET', path, { as });
    if (res.status === status || Date.now() > deadline) return res.status;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('who a caller is, cached per process', () => {
  it('follows a role change and a removal made through the other process', async () => {
    const someone = await sessionFor(a.services, { username: 'cache-someone' });
    await a.services.members.ensure(C, someone.accountId, 'resident');
    // Both processes have seen her as a resident (now cached).
    expect((await a.call('GET', members, { as: someone.token })).status).toBe(403);
    expect((await b.call('GET', members, { as: someone.token })).status).toBe(403);

    const patched = await a.call('PATCH', `${members}/${someone.accountId}`, {
      as: admin.token,
      body: { role: 'operator' },
    });
    expect(patched.status).toBe(200);
    // The process that wrote it knows at once; the other within a poll.
    expect((await a.call('GET', members, { as: someone.token })).status).toBe(200);
    expect(await eventually(b, members, someone.token, 200)).toBe(200);

    const removed = await a.call('DELETE', `${members}/${someone.accountId}`, {
      as: admin.token,
    });
    expect(removed.status).toBe(204);
    expect((await a.call('GET', members, { as: someone.token })).status).toBe(403);
    expect(await eventually(b, members, someone.token, 403)).toBe(403);
  });

  it('ends a session logged out, and every session of a disabled account, in both processes', async () => {
    const leaving = await sessionFor(a.services, { username: 'cache-leaving' });
    const me = '/api/v1/auth/me';
    expect((await a.call('GET', me, { as: leaving.token })).status).toBe(200);
    expect((await b.call('GET', me, { as: leaving.token })).status).toBe(200);
    expect((await b.call('POST', '/api/v1/auth/logout', { as: leaving.token })).status).toBe(204);
    expect((await b.call('GET', me, { as: leaving.token })).status).toBe(401);
    expect(await eventually(a, me, leaving.token, 401)).toBe(401);

    const disabled = await sessionFor(a.services, { username: 'cache-disabled' });
    expect((await a.call('GET', me, { as: disabled.token })).status).toBe(200);
    expect((await b.call('GET', me, { as: disabled.token })).status).toBe(200);
    const off = await a.call('PATCH', `/api/v1/accounts/${disabled.accountId}`, {
      as: admin.token,
      body: { disabled: true },
    });
    expect(off.status).toBe(200);
    expect((await a.call('GET', me, { as: disabled.token })).status).toBe(401);
    expect(await eventually(b, me, disabled.token, 401)).toBe(401);
  });
});

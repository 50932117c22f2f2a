import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';

const db = useTestDatabase('auth');
let t: TestServer;
let adminToken: string;

beforeAll(async () => {
  t = await startTestServer(db.connection());
  adminToken = (await sessionFor(t.services, { username: 'root', platformRoles: ['admin'] })).token;
});
afterAll(() => t.close());

const cookieOf = (headers: Headers) =>
  /scene_session=([^;]+)/.exec(headers.get('set-cookie') ?? '')?.[1] ?? '';

describe('accounts and sessions', () => {
  it('creates an account (admin), logs in with a cookie, answers /me and logs out', async () => {
    const created = await t.call('POST', '/api/v1/accounts', {
      as: adminToken,
      body: { username: 'Alice', displayName: '王阿姨', password: 'correct horse' },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ username: 'alice', platformRoles: [] });
    expect(created.text).not.toContain('passwordHash');

    const login = await t.call('POST', '/api/v1/auth/login', {
      body: { username: 'alice', password: 'correct horse' },
    });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const token = cookieOf(login.headers);

    const me = await t.call('GET', '/api/v1/auth/me', { as: token });
    expect(me.status).toBe(200);
    expect(me.json.account.username).toBe('alice');
    expect(me.json.memberships).toEqual([]);

    // The session is stored only as a hash, which is its key.
    const stored = await t.services.models.Session.find({ accountId: me.json.account.id }).lean();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored[0]!._id).toBe(createHash('sha256').update(token).digest('hex'));

    expect((await t.call('POST', '/api/v1/auth/logout', { as: token })).status).toBe(204);
    expect((await t.call('GET', '/api/v1/auth/me', { as: token })).status).toBe(401);
  });

  it('removes an expired session when it comes back, and the rest in one sweep', async () => {
    const hash = (token: string) => createHash('sha256').update(token).digest('hex');
    const { Session } = t.services.models;
    const back = await sessionFor(t.services, { username: 'returning' });
    const gone = await sessionFor(t.services, { username: 'gone-away' });
    const live = await sessionFor(t.services, { username: 'still-here' });
    const past = new Date(Date.now() - 1000);
    await Session.updateMany(
      { _id: { $in: [hash(back.token), hash(gone.token)] } },
      { expiresAt: past },
    );

    expect((await t.call('GET', '/api/v1/auth/me', { as: back.token })).status).toBe(401);
    expect(await Session.findById(hash(back.token)).lean()).toBeNull();
    expect(await Session.findById(hash(gone.token)).lean()).not.toBeNull();

    expect(await t.services.auth.removeExpiredSessions()).toBeGreaterThanOrEqual(1);
    expect(await Session.findById(hash(gone.token)).lean()).toBeNull();
    expect((await t.call('GET', '/api/v1/auth/me', { as: live.token })).status).toBe(200);
  });

  it('refuses a wrong password and slows the guesser down after repeated failures', async () => {
    await t.call('POST', '/api/v1/accounts', {
      as: adminToken,
      body: { username: 'bob', displayName: 'Bob', password: 'right password' },
    });
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.call('POST', '/api/v1/auth/login', { body: { username: 'bob', password: 'wrong!!!' } }),
      ),
    );
    const statuses = attempts.map((a) => a.status);
    // At most 5 guesses are checked however they interleave; the rest are refused unchecked.
    const checked = statuses.filter((s) => s === 401).length;
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(checked).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(8 - checked);
    // Concurrent refusals take their attempts back; fail on until the backoff has begun.
    for (let i = checked; i < 5; i++) {
      const more = await t.call('POST', '/api/v1/auth/login', {
        body: { username: 'bob', password: 'wrong!!!' },
      });
      expect(more.status).toBe(401);
    }
    // From the guesser's address even the right password now waits.
    const locked = await t.call('POST', '/api/v1/auth/login', {
      body: { username: 'bob', password: 'right password' },
    });
    expect(locked.status).toBe(429);
    expect(locked.json.error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('issues, uses and revokes bearer API tokens for vendors', async () => {
    const vendor = await sessionFor(t.services, {
      username: 'acme',
      platformRoles: ['vendor'],
      vendorId: 'acme',
    });
    const created = await t.call('POST', '/api/v1/auth/tokens', {
      as: vendor.token,
      body: { name: 'laptop', scopes: ['read'] },
    });
    expect(created.status).toBe(201);
    const bearer = `Bearer ${created.json.token as string}`;
    expect((await t.call('GET', '/api/v1/auth/me', { as: bearer })).json.account.username).toBe(
      'acme',
    );
    const list = await t.call('GET', '/api/v1/auth/tokens', { as: vendor.token });
    expect(list.json.items).toHaveLength(1);
    expect(list.text).not.toContain(created.json.token);
    expect(
      (await t.call('DELETE', `/api/v1/auth/tokens/${created.json.id}`, { as: vendor.token }))
        .status,
    ).toBe(204);
    expect((await t.call('GET', '/api/v1/auth/me', { as: bearer })).status).toBe(401);
  });

  it('keeps accounts admin-only and validates input', async () => {
    const plain = await sessionFor(t.services, { username: 'plain' });
    expect((await t.call('GET', '/api/v1/accounts', { as: plain.token })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/accounts')).status).toBe(401);
    const bad = await t.call('POST', '/api/v1/accounts', {
      as: adminToken,
      body: { username: 'x', displayName: 5, password: 'short' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('validation_failed');
    const pointers = (bad.json.error.details as { pointer: string }[]).map((d) => d.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining(['/body/username', '/body/displayName', '/body/password']),
    );
    const dollar = await t.call('POST', '/api/v1/accounts', {
      as: adminToken,
      raw: '{"username":"eve1","displayName":"e","password":"12345678","$where":"1"}',
    });
    expect(dollar.status).toBe(400);
    expect(dollar.json.error.code).toBe('unsafe_body');
    const proto = await t.call('POST', '/api/v1/accounts', {
      as: adminToken,
      raw: '{"username":"eve2","displayName":"e","password":"12345678","__proto__":{"admin":true}}',
    });
    expect(proto.status).toBe(400);
    expect(
      await t.services.models.Account.countDocuments({ username: { $in: ['eve1', 'eve2'] } }),
    ).toBe(0);
  });

  it('serves an OpenAPI 3.1 document listing the routes', async () => {
    const res = await t.call('GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe('3.1.0');
    expect(res.json.paths['/api/v1/auth/login'].post.requestBody).toBeDefined();
    expect(res.json.paths['/api/v1/accounts/{accountId}'].patch.parameters[0].name).toBe(
      'accountId',
    );
  });
});

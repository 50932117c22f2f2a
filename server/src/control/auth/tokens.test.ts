import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../testing/control-plane';
import { sha256 } from './secrets';
import { rekeyLegacyTokens } from './tokens';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, TEST_PASSWORD, type TestServer } from '../../testing/server';

const db = useTestDatabase('tokens');
let t: TestServer;
let admin: string;
let vendor: { token: string; accountId: string };

beforeAll(async () => {
  t = await startTestServer(db.connection());
  admin = (await sessionFor(t.services, { username: 'root', platformRoles: ['admin'] })).token;
  vendor = await sessionFor(t.services, {
    username: 'acme-dev',
    platformRoles: ['vendor'],
    vendorId: 'acme',
  });
});
afterAll(() => t.close());

async function mint(scopes: string[], extra: Record<string, unknown> = {}) {
  const res = await t.call('POST', '/api/v1/auth/tokens', {
    as: vendor.token,
    body: { name: `t-${scopes.join('+')}`, scopes, ...extra },
  });
  expect(res.status).toBe(201);
  return { ...res.json, bearer: `Bearer ${res.json.token as string}` };
}

describe('API tokens', () => {
  it('do only what their scopes allow', async () => {
    const reader = await mint(['read']);
    expect((await t.call('GET', '/api/v1/plugins', { as: reader.bearer })).status).toBe(200);
    const publishWithReader = await t.call('POST', '/api/v1/plugins', {
      as: reader.bearer,
      body: manifest('acme.scoped'),
    });
    expect(publishWithReader.status).toBe(403);
    expect(publishWithReader.json.error.code).toBe('token_scope');

    const publisher = await mint(['plugins:publish']);
    const published = await t.call('POST', '/api/v1/plugins', {
      as: publisher.bearer,
      body: manifest('acme.scoped'),
    });
    expect(published.status).toBe(201);
    // A publish-only token reads nothing.
    expect((await t.call('GET', '/api/v1/auth/me', { as: publisher.bearer })).status).toBe(403);
  });

  it('cannot mint tokens or touch accounts', async () => {
    const both = await mint(['read', 'plugins:publish']);
    const before = await t.services.models.ApiToken.countDocuments();
    const minted = await t.call('POST', '/api/v1/auth/tokens', {
      as: both.bearer,
      body: { name: 'child', scopes: ['read'] },
    });
    expect(minted.status).toBe(403);
    expect(await t.services.models.ApiToken.countDocuments()).toBe(before);
    const password = await t.call('POST', '/api/v1/auth/password', {
      as: both.bearer,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'Fresh-meadow-4471' },
    });
    expect(password.status).toBe(403);
  });

  it('expire: 90 days unless asked, never more than a year', async () => {
    const day = 86_400_000;
    const plain = await mint(['read']);
    const left = Date.parse(plain.expiresAt) - Date.now();
    expect(left).toBeGreaterThan(89 * day);
    expect(left).toBeLessThanOrEqual(90 * day);
    const tooLong = await t.call('POST', '/api/v1/auth/tokens', {
      as: vendor.token,
      body: { name: 'forever', scopes: ['read'], expiresInDays: 3650 },
    });
    expect(tooLong.status).toBe(400);
    await t.services.models.ApiToken.updateOne(
      { ref: plain.id },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    expect((await t.call('GET', '/api/v1/auth/me', { as: plain.bearer })).status).toBe(401);
  });

  it('are found by the hash of their value, which their owner never sees', async () => {
    const token = await mint(['read']);
    const stored = await t.services.models.ApiToken.findById(sha256(token.token)).lean();
    expect(stored).toMatchObject({ ref: token.id, accountId: vendor.accountId });
    const listed = await t.call('GET', '/api/v1/auth/tokens', { as: vendor.token });
    const mine = listed.json.items.find((x: { id: string }) => x.id === token.id);
    expect(mine).toMatchObject({ id: token.id, prefix: token.token.slice(0, 10) });
    expect(JSON.stringify(listed.json)).not.toContain(sha256(token.token));
    // Used, it records when (at most once an hour), and its owner revokes it by the listed id.
    expect((await t.call('GET', '/api/v1/auth/me', { as: token.bearer })).status).toBe(200);
    const used = await t.services.models.ApiToken.findById(sha256(token.token)).lean();
    expect(used!.lastUsedAt).toBeInstanceOf(Date);
    await t.call('GET', '/api/v1/auth/me', { as: token.bearer });
    const again = await t.services.models.ApiToken.findById(sha256(token.token)).lean();
    expect(again!.lastUsedAt).toEqual(used!.lastUsedAt);
    const revoked = await t.call('DELETE', `/api/v1/auth/tokens/${token.id}`, { as: vendor.token });
    expect(revoked.status).toBe(204);
    expect((await t.call('GET', '/api/v1/auth/me', { as: token.bearer })).status).toBe(401);
  });

  it('of an earlier release (random id, hash in a field) keep working under their old id', async () => {
    const value = 'scn_legacyLegacyLegacyLegacy01';
    const now = new Date();
    await t.services.models.ApiToken.collection.insertOne({
      _id: 'legacy-token-1',
      tokenHash: sha256(value),
      accountId: vendor.accountId,
      name: 'old',
      scopes: ['read'],
      prefix: value.slice(0, 10),
      createdAt: now,
      expiresAt: new Date(now.getTime() + 86_400_000),
    } as never);
    expect(await rekeyLegacyTokens(t.services.models.ApiToken)).toBe(1);
    expect(await rekeyLegacyTokens(t.services.models.ApiToken)).toBe(0);
    const bearer = `Bearer ${value}`;
    expect((await t.call('GET', '/api/v1/auth/me', { as: bearer })).status).toBe(200);
    const listed = await t.call('GET', '/api/v1/auth/tokens', { as: vendor.token });
    expect(listed.json.items.map((x: { id: string }) => x.id)).toContain('legacy-token-1');
  });

  it('are revoked when an admin resets the password', async () => {
    const token = await mint(['read']);
    expect((await t.call('GET', '/api/v1/auth/me', { as: token.bearer })).status).toBe(200);
    const reset = await t.call('PATCH', `/api/v1/accounts/${vendor.accountId}`, {
      as: admin,
      body: { password: 'Harbour-lights-902' },
    });
    expect(reset.status).toBe(200);
    expect((await t.call('GET', '/api/v1/auth/me', { as: token.bearer })).status).toBe(401);
    expect((await t.call('GET', '/api/v1/auth/me', { as: vendor.token })).status).toBe(401);
  });

  it('are revoked when their owner changes the password', async () => {
    const owner = await sessionFor(t.services, {
      username: 'acme-two',
      platformRoles: ['vendor'],
      vendorId: 'acme',
    });
    const made = await t.call('POST', '/api/v1/auth/tokens', {
      as: owner.token,
      body: { name: 'ci', scopes: ['read'] },
    });
    const bearer = `Bearer ${made.json.token as string}`;
    const wrong = await t.call('POST', '/api/v1/auth/password', {
      as: owner.token,
      body: { currentPassword: 'not-my-password', newPassword: 'Fresh-meadow-4471' },
    });
    expect(wrong.status).toBe(401);
    const changed = await t.call('POST', '/api/v1/auth/password', {
      as: owner.token,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'Fresh-meadow-4471' },
    });
    expect(changed.status).toBe(204);
    const renewed = /scene_session=([^;]+)/.exec(changed.headers.get('set-cookie') ?? '')?.[1];
    expect(renewed).toBeTruthy();
    expect((await t.call('GET', '/api/v1/auth/me', { as: bearer })).status).toBe(401);
    expect((await t.call('GET', '/api/v1/auth/me', { as: owner.token })).status).toBe(401);
    expect((await t.call('GET', '/api/v1/auth/me', { as: renewed! })).status).toBe(200);
  });
});

describe('the password policy', () => {
  it('refuses common and weak passwords wherever a password is set, storing nothing', async () => {
    const before = await t.services.models.Account.countDocuments();
    for (const weak of ['12345678', 'password', 'qwertyuiop', 'woaini1314']) {
      const created = await t.call('POST', '/api/v1/accounts', {
        as: admin,
        body: { username: `weak-${weak.length}`, displayName: '弱', password: weak },
      });
      expect(created.status, weak).toBe(400);
      expect(created.json.error.code).toBe('weak_password');
      expect(created.json.error.details.message['zh-CN']).toMatch(/密码/);
      expect(created.json.error.details.message.en).toMatch(/password/i);
    }
    expect(await t.services.models.Account.countDocuments()).toBe(before);
    const reset = await t.call('PATCH', `/api/v1/accounts/${vendor.accountId}`, {
      as: admin,
      body: { password: 'password' },
    });
    expect(reset.status).toBe(400);
    const own = await sessionFor(t.services, { username: 'plain-person' });
    const change = await t.call('POST', '/api/v1/auth/password', {
      as: own.token,
      body: { currentPassword: TEST_PASSWORD, newPassword: '12345678' },
    });
    expect(change.status).toBe(400);
    expect(change.json.error.code).toBe('weak_password');
    // The old password still works: nothing was changed.
    const login = await t.call('POST', '/api/v1/auth/login', {
      body: { username: 'plain-person', password: TEST_PASSWORD },
    });
    expect(login.status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateManifest } from '@scene/schema';
import { manifest } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';

const db = useTestDatabase('registry');
let t: TestServer;
let admin: string;
let vendor: string;
let bearer: string;

beforeAll(async () => {
  t = await startTestServer(db.connection());
  admin = (await sessionFor(t.services, { username: 'root', platformRoles: ['admin'] })).token;
  vendor = (
    await sessionFor(t.services, { username: 'acme', platformRoles: ['vendor'], vendorId: 'acme' })
  ).token;
  const created = await t.call('POST', '/api/v1/auth/tokens', {
    as: vendor,
    body: { name: 'cli', scopes: ['plugins:publish', 'read'] },
  });
  bearer = `Bearer ${created.json.token as string}`;
});
afterAll(() => t.close());

describe('plugin registry', () => {
  it('publishes a version with a bearer token (as the CLI does), immutable and checksummed', async () => {
    const m = manifest('acme.repairs');
    const res = await t.call('POST', '/api/v1/plugins', { as: bearer, body: m });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      pluginId: 'acme.repairs',
      version: '1.0.0',
      status: 'pending',
    });
    expect(res.json.checksum).toMatch(/^[0-9a-f]{64}$/);
    // Same manifest with keys in another order: same checksum, and still immutable.
    const again = await t.call('POST', '/api/v1/plugins', {
      as: bearer,
      body: Object.fromEntries(Object.entries(m).reverse()),
    });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('version_exists');
    // It is given back as published: a compound index's field order is the index's meaning.
    const stored = await t.call('GET', '/api/v1/plugins/acme.repairs/versions/1.0.0', {
      as: admin,
    });
    expect(Object.keys(stored.json.manifest.collections.tickets.indexes[0].fields)).toEqual(
      Object.keys(m.collections.tickets!.indexes![0]!.fields),
    );
    expect(validateManifest(stored.json.manifest).errors).toEqual([]);
  });

  it('rejects an invalid manifest with the validator errors as details, writing nothing', async () => {
    const bad = { ...manifest('acme.broken'), scene: 'moon', views: 'none' };
    const res = await t.call('POST', '/api/v1/plugins', { as: bearer, body: bad });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('validation_failed');
    expect(res.json.error.details.length).toBeGreaterThan(0);
    // Pointers into what the vendor wrote: the manifest, not the request body around it.
    expect(res.json.error.details[0].pointer).toMatch(/^\/(?!body\/)/);
    expect(await t.services.models.PluginVersion.countDocuments({ pluginId: 'acme.broken' })).toBe(
      0,
    );
  });

  it("refuses another vendor's plugin id", async () => {
    const res = await t.call('POST', '/api/v1/plugins', {
      as: bearer,
      body: manifest('other.thing'),
    });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('vendor_mismatch');
  });

  it('gates breaking changes against the previous version', async () => {
    const v1 = manifest('acme.repairs');
    const breaking = structuredClone(v1);
    breaking.version = '1.1.0';
    delete (breaking.collections as Record<string, unknown>)[Object.keys(breaking.collections)[0]!];
    const res = await t.call('POST', '/api/v1/plugins', { as: bearer, body: breaking });
    expect(res.status).toBe(400);
    expect(['breaking_change', 'validation_failed']).toContain(res.json.error.code);
    const older = await t.call('POST', '/api/v1/plugins', {
      as: bearer,
      body: { ...v1, version: '0.9.0' },
    });
    expect(older.status).toBe(409);
    expect(older.json.error.code).toBe('version_not_newer');
    const patch = await t.call('POST', '/api/v1/plugins', {
      as: bearer,
      body: { ...v1, version: '1.0.1' },
    });
    expect(patch.status).toBe(201);
    expect(patch.json.upgrade).toMatchObject({ from: '1.0.0', breaking: false });
  });

  it('checks a manifest exactly as publishing would, storing nothing', async () => {
    const before = await t.services.models.PluginVersion.countDocuments();
    const ok = await t.call('POST', '/api/v1/plugins/validate', {
      as: bearer,
      body: { ...manifest('acme.repairs'), version: '1.0.2' },
    });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ ok: true, upgrade: { from: '1.0.1', breaking: false } });

    const bad = await t.call('POST', '/api/v1/plugins/validate', {
      as: bearer,
      body: { ...manifest('acme.broken'), scene: 'moon' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('validation_failed');
    expect(bad.json.error.details[0]).toMatchObject({ pointer: '/scene' });
    expect(bad.json.error.details[0].messages['zh-CN']).toBeTruthy();

    const taken = await t.call('POST', '/api/v1/plugins/validate', {
      as: bearer,
      body: manifest('acme.repairs'),
    });
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe('version_exists');
    expect(await t.services.models.PluginVersion.countDocuments()).toBe(before);

    const resident = (await sessionFor(t.services, { username: 'someone' })).token;
    const refused = await t.call('POST', '/api/v1/plugins/validate', {
      as: resident,
      body: manifest('acme.repairs'),
    });
    expect(refused.status).toBe(403);
  });

  it('reviews: approve once, reject needs a reason, vendors see their decision', async () => {
    const noReason = await t.call('POST', '/api/v1/plugins/acme.repairs/versions/1.0.1/review', {
      as: admin,
      body: { decision: 'reject' },
    });
    expect(noReason.status).toBe(400);
    const queue = await t.call('GET', '/api/v1/plugins/review-queue', { as: admin });
    expect(queue.json.items.map((i: { version: string }) => i.version)).toEqual(['1.0.0', '1.0.1']);
    const approved = await t.call('POST', '/api/v1/plugins/acme.repairs/versions/1.0.0/review', {
      as: admin,
      body: { decision: 'approve' },
    });
    expect(approved.status).toBe(200);
    // One decision per version, also when two admins decide at once. (A plugin of its own, in
    // another scene: which decision wins is up to the race, and the tests below must not care.)
    const racing = manifest('acme.race', { scene: 'governance' });
    expect((await t.call('POST', '/api/v1/plugins', { as: bearer, body: racing })).status).toBe(
      201,
    );
    const [a, b] = await Promise.all([
      t.call('POST', '/api/v1/plugins/acme.race/versions/1.0.0/review', {
        as: admin,
        body: { decision: 'approve' },
      }),
      t.call('POST', '/api/v1/plugins/acme.race/versions/1.0.0/review', {
        as: admin,
        body: { decision: 'reject', reason: 'racing' },
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    await t.call('POST', '/api/v1/plugins/acme.repairs/versions/1.0.1/review', {
      as: admin,
      body: { decision: 'reject', reason: '图标不清晰 / unclear icon' },
    });
    const seen = await t.call('GET', '/api/v1/plugins/acme.repairs', { as: vendor });
    const v101 = seen.json.items.find((i: { version: string }) => i.version === '1.0.1');
    expect(v101.review).toMatchObject({
      decision: 'rejected',
      reason: '图标不清晰 / unclear icon',
    });
  });

  it('lists and searches by scene, tier, vendor, status and text; operators see approved only', async () => {
    const operator = (await sessionFor(t.services, { username: 'someone' })).token;
    const list = await t.call('GET', '/api/v1/plugins?scene=service&q=REPAIR', { as: operator });
    expect(list.status).toBe(200);
    expect(list.json.items).toHaveLength(1);
    expect(list.json.items[0].status).toBe('approved');
    const none = await t.call('GET', '/api/v1/plugins?tier=standard', { as: operator });
    expect(none.json.items).toEqual([]);
    const pending = await t.call('GET', '/api/v1/plugins?status=rejected', { as: operator });
    expect(pending.json.items).toEqual([]);
    const latest = await t.call('GET', '/api/v1/plugins/acme.repairs/latest?platform=1.0.0', {
      as: operator,
    });
    expect(latest.json.version).toBe('1.0.0');
    const future = await t.call('GET', '/api/v1/plugins/acme.repairs/latest?platform=2.0.0', {
      as: operator,
    });
    expect(future.status).toBe(404);
    const other = (
      await sessionFor(t.services, {
        username: 'zeta',
        platformRoles: ['vendor'],
        vendorId: 'zeta',
      })
    ).token;
    expect((await t.call('GET', '/api/v1/plugins/acme.repairs', { as: other })).status).toBe(404);
    const full = await t.call('GET', '/api/v1/plugins/acme.repairs/versions/1.0.0', {
      as: operator,
    });
    expect(full.json.manifest.id).toBe('acme.repairs');
  });
});

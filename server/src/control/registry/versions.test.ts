// manifestVersion 2 in the registry: version 1 still publishes, installs and runs (read as 2),
// fields come back in the vendor's order, a default that does not fit its own schema is refused
// with its pointer, and a refused major version says what is missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleManifest, type PluginManifest } from '@scene/schema';
import { runAction } from '../../data/actions/service';
import { member } from '../../data/records/test-kit';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';

const db = useTestDatabase('registry-v2');
let t: TestServer;
let admin: string;

beforeAll(async () => {
  t = await startTestServer(db.connection());
  admin = (await sessionFor(t.services, { username: 'root2', platformRoles: ['admin'] })).token;
});
afterAll(() => t.close());

/** The example plugin with config properties declared out of alphabetical order. */
function v1(id: string): PluginManifest {
  const m = exampleManifest(id);
  m.config.properties = { zeta: { type: 'integer', default: 1 }, ...m.config.properties };
  return m;
}

describe('version 1 manifests under version 2', () => {
  it('publish, install and run, read as version 2 with the vendor key order', async () => {
    const m = v1('acme.legacy');
    expect(m.manifestVersion).toBe(1);
    expect((await t.call('POST', '/api/v1/plugins', { as: admin, body: m })).status).toBe(201);
    const review = await t.call('POST', '/api/v1/plugins/acme.legacy/versions/1.0.0/review', {
      as: admin,
      body: { decision: 'approve' },
    });
    expect(review.status).toBe(200);
    const got = await t.call('GET', '/api/v1/plugins/acme.legacy/versions/1.0.0', { as: admin });
    expect(got.json.manifest.manifestVersion).toBe(2);
    expect(Object.keys(got.json.manifest)).toEqual(Object.keys(m));
    expect(Object.keys(got.json.manifest.config.properties)).toEqual(
      Object.keys(m.config.properties!),
    );
    expect(Object.keys(got.json.manifest.config.properties)[0]).toBe('zeta');

    await t.services.communities.create(
      { id: 'c-legacy', name: '江北', city: '宁波', district: '江北区', type: 'new-build' },
      'system',
    );
    await t.services.installations.install('system', 'c-legacy', { pluginId: 'acme.legacy' });
    const resident = member('c-legacy', ['resident'], 'res');
    const made = await runAction(t.services.dataPlane, {
      communityId: 'c-legacy',
      pluginId: 'acme.legacy',
      action: 'report',
      caller: resident,
      input: { title: '水管漏水', phone: '13812341234' },
    });
    expect(made.status).toBe(201);
  });

  it('refuses "five" as an integer default, with its pointer into the manifest', async () => {
    const m = exampleManifest('acme.fives');
    m.config.properties!.ratingPoints = { type: 'integer', default: 'five' as never };
    const res = await t.call('POST', '/api/v1/plugins', { as: admin, body: m });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([
      expect.objectContaining({
        pointer: '/config/properties/ratingPoints/default',
        code: 'default.invalid',
      }),
    ]);
    expect(await t.services.models.PluginVersion.countDocuments({ pluginId: 'acme.fives' })).toBe(
      0,
    );
  });

  it('a 2.0.0 without the migration it needs is refused for the migration, not the bump', async () => {
    const m = v1('acme.moves');
    m.collections.tickets!.schema.properties!.legacyCode = { type: 'string', maxLength: 10 };
    expect((await t.call('POST', '/api/v1/plugins', { as: admin, body: m })).status).toBe(201);
    const next = structuredClone(m);
    next.version = '2.0.0';
    delete next.collections.tickets!.schema.properties!.legacyCode;
    next.collections.tickets!.schemaVersion = 2;
    const res = await t.call('POST', '/api/v1/plugins', { as: admin, body: next });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('breaking_change');
    expect(res.json.error.message).toMatch(/declare migrations for "tickets" from 1 to 2/);
    expect(res.json.error.message).not.toMatch(/needs? a major/);
  });
});

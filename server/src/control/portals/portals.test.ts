import type { Portal } from '@scene/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalWithAll } from '../../seeds/portal';
import { manifest, publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';

const db = useTestDatabase('portals');
let t: TestServer;
let admin: string;
let op: string;
const std = manifest('std.demo', { tier: 'standard' });
const opt = manifest('acme.repairs');

beforeAll(async () => {
  t = await startTestServer(db.connection());
  admin = (await sessionFor(t.services, { username: 'root', platformRoles: ['admin'] })).token;
  await publishApproved(t.services, std);
  await publishApproved(t.services, opt);
  const created = await t.call('POST', '/api/v1/communities', {
    as: admin,
    body: {
      id: 'jiangbei',
      name: '江北未来社区',
      city: '宁波',
      district: '江北区',
      type: 'new-build',
      enabledScenes: ['service', 'health'],
    },
  });
  expect(created.status, created.text).toBe(201);
  const operator = await sessionFor(t.services, { username: 'op-jb' });
  await t.services.members.ensure('jiangbei', operator.accountId, 'operator');
  op = operator.token;
});
afterAll(() => t.close());

const draftOf = async () => {
  const res = await t.call('GET', '/api/v1/communities/jiangbei/portal/draft', { as: op });
  return { portal: res.json.portal as Portal, etag: res.headers.get('etag')! };
};

describe('installations', () => {
  it('installed the standard plugin into the new community; optional ones need consent', async () => {
    const list = await t.call('GET', '/api/v1/communities/jiangbei/installations', { as: op });
    expect(list.json.items.map((i: { pluginId: string }) => i.pluginId)).toEqual(['std.demo']);
    const noConsent = await t.call('POST', '/api/v1/communities/jiangbei/installations', {
      as: op,
      body: { pluginId: 'acme.repairs' },
    });
    expect(noConsent.status).toBe(400);
    expect(noConsent.json.error.code).toBe('consent_required');
    const ok = await t.call('POST', '/api/v1/communities/jiangbei/installations', {
      as: op,
      body: { pluginId: 'acme.repairs', acceptPermissions: opt.permissions.map((p) => p.scope) },
    });
    expect(ok.status).toBe(201);
    expect(ok.json.version).toBe('1.0.0');
    const dup = await t.call('POST', '/api/v1/communities/jiangbei/installations', {
      as: op,
      body: { pluginId: 'acme.repairs', acceptPermissions: opt.permissions.map((p) => p.scope) },
    });
    expect(dup.status).toBe(409);
  });

  it('pins, refuses upgrades while pinned, reports and performs an upgrade', async () => {
    await publishApproved(t.services, { ...opt, version: '1.0.1' });
    await t.call('PATCH', '/api/v1/communities/jiangbei/installations/acme.repairs', {
      as: op,
      body: { pinned: true },
    });
    const pinned = await t.call(
      'POST',
      '/api/v1/communities/jiangbei/installations/acme.repairs/upgrade',
      {
        as: op,
        body: { version: '1.0.1' },
      },
    );
    expect(pinned.json.error.code).toBe('pinned');
    await t.call('PATCH', '/api/v1/communities/jiangbei/installations/acme.repairs', {
      as: op,
      body: { pinned: false },
    });
    const report = await t.call(
      'GET',
      '/api/v1/communities/jiangbei/installations/acme.repairs/upgrade-report?version=1.0.1',
      { as: op },
    );
    expect(report.json).toMatchObject({
      from: '1.0.0',
      to: '1.0.1',
      breaking: false,
      newPermissions: [],
    });
    const up = await t.call(
      'POST',
      '/api/v1/communities/jiangbei/installations/acme.repairs/upgrade',
      {
        as: op,
        body: { version: '1.0.1' },
      },
    );
    expect(up.status).toBe(200);
    expect(up.json.version).toBe('1.0.1');
    const uninstallStd = await t.call(
      'DELETE',
      '/api/v1/communities/jiangbei/installations/std.demo',
      { as: op },
    );
    expect(uninstallStd.json.error.code).toBe('standard_plugin');
  });
});

describe('portal draft, publish, history, rollback and runtime', () => {
  it('saves with If-Match; a stale ETag gets 412 with the current one and loses nothing', async () => {
    const { portal, etag } = await draftOf();
    expect(etag).toBe('"r0"');
    const full = portalWithAll([std, opt], portal.theme);
    const saved = await t.call('PUT', '/api/v1/communities/jiangbei/portal/draft', {
      as: op,
      body: { portal: full },
      headers: { 'if-match': etag },
    });
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe('"r1"');
    const stale = await t.call('PUT', '/api/v1/communities/jiangbei/portal/draft', {
      as: op,
      body: { portal },
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(412);
    expect(stale.json.error.details.etag).toBe('"r1"');
    expect((await draftOf()).portal).toEqual(full);
    const missing = await t.call('PUT', '/api/v1/communities/jiangbei/portal/draft', {
      as: op,
      body: { portal },
    });
    expect(missing.status).toBe(428);
  });

  it('racing saves from the same ETag: exactly one wins', async () => {
    const { portal, etag } = await draftOf();
    const results = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        t.call('PUT', '/api/v1/communities/jiangbei/portal/draft', {
          as: op,
          body: { portal: { ...portal, theme: { ...portal.theme, accentColor: `#00000${i}` } } },
          headers: { 'if-match': etag },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 412, 412, 412]);
  });

  it('refuses to publish an invalid portal (422, nothing written)', async () => {
    const { portal, etag } = await draftOf();
    const broken = structuredClone(portal);
    broken.pages[0]!.blocks.push({
      id: 'ghost',
      kind: 'plugin',
      plugin: 'acme.ghost',
      view: 'home-card',
    });
    const saved = await t.call('PUT', '/api/v1/communities/jiangbei/portal/draft', {
      as: op,
      body: { portal: broken },
      headers: { 'if-match': etag },
    });
    expect(saved.json.report.ok).toBe(false);
    const res = await t.call('POST', '/api/v1/communities/jiangbei/portal/publish', {
      as: op,
      body: {},
    });
    expect(res.status).toBe(422);
    expect(res.json.error.details.errors[0].path).toMatch(/^\/pages\/0\/blocks\//);
    expect(await t.services.models.PortalVersion.countDocuments({ communityId: 'jiangbei' })).toBe(
      0,
    );
    expect((await t.call('GET', '/api/v1/runtime/jiangbei')).status).toBe(404);
    await t.call('PUT', '/api/v1/communities/jiangbei/portal/draft', {
      as: op,
      body: { portal },
      headers: { 'if-match': saved.headers.get('etag')! },
    });
  });

  it('concurrent publishes get consecutive numbers and the runtime always serves a whole version', async () => {
    let stop = false;
    const seen: number[] = [];
    const poller = (async () => {
      while (!stop) {
        const r = await t.call('GET', '/api/v1/runtime/jiangbei');
        if (r.status === 200) {
          expect(r.json.portal.pages.length).toBeGreaterThan(0);
          expect(Object.keys(r.json.plugins).sort()).toEqual(['acme.repairs', 'std.demo']);
          seen.push(r.json.version);
        } else expect(r.status).toBe(404);
      }
    })();
    const results = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        t.call('POST', '/api/v1/communities/jiangbei/portal/publish', {
          as: op,
          body: { note: `p${i}` },
        }),
      ),
    );
    stop = true;
    await poller;
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(results.map((r) => r.json.version).sort()).toEqual([1, 2, 3, 4]);
    const community = await t.call('GET', '/api/v1/communities/jiangbei', { as: op });
    expect([1, 2, 3, 4]).toContain(community.json.publishedVersion);
    const runtime = await t.call('GET', '/api/v1/runtime/jiangbei');
    expect(runtime.json.version).toBe(community.json.publishedVersion);
    for (const v of seen) expect([1, 2, 3, 4]).toContain(v);
  });

  it('serves the runtime bundle with a strong ETag and 304 on If-None-Match', async () => {
    const first = await t.call('GET', '/api/v1/runtime/jiangbei', {
      headers: { 'accept-encoding': 'identity' },
    });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/);
    expect(first.headers.get('content-encoding')).toBeNull();
    expect(first.headers.get('cache-control')).toBe('no-cache');
    expect(first.headers.get('vary')).toBe('Accept-Encoding');

    // A phone that accepts gzip gets the same bundle compressed, under its own strong tag.
    const zipped = await t.call('GET', '/api/v1/runtime/jiangbei');
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('etag')).toBe(etag.replace(/"$/, '-gzip"'));
    expect(zipped.json).toEqual(first.json);
    const notModified = await fetch(`${t.base}/api/v1/runtime/jiangbei`, {
      headers: { 'if-none-match': zipped.headers.get('etag')! },
    });
    expect(notModified.status).toBe(304);
    const again = await fetch(`${t.base}/api/v1/runtime/jiangbei`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    // A list of tags, weak or strong, revalidates when it names either; another tag does not.
    const listed = await fetch(`${t.base}/api/v1/runtime/jiangbei`, {
      headers: { 'if-none-match': `W/"0123", ${etag}` },
    });
    expect(listed.status).toBe(304);
    expect(listed.headers.get('etag')).toBe(zipped.headers.get('etag'));
    const stale = await t.call('GET', '/api/v1/runtime/jiangbei', {
      headers: { 'if-none-match': '"0123"' },
    });
    expect(stale.status).toBe(200);
    expect(stale.json).toEqual(first.json);
    // Served ahead of helmet, the route sets the security headers a JSON answer needs.
    for (const answer of [first, zipped, stale]) {
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    }
    expect((await t.call('GET', '/api/v1/runtime/nowhere')).status).toBe(404);
  });

  it("serves each plugin version's client projection once, immutable, under its content hash", async () => {
    const bundle = (await t.call('GET', '/api/v1/runtime/jiangbei')).json;
    const repairs = bundle.plugins['acme.repairs'];
    expect(repairs.manifest).toBeUndefined();
    const path = `/api/v1/runtime/plugins/acme.repairs/${repairs.version}/${repairs.manifestHash}`;
    const projection = await t.call('GET', path);
    expect(projection.status).toBe(200);
    expect(projection.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // What the phone draws with and decides with (who may read, open, unmask), without what
    // only the server acts on (read filters, indexes).
    expect(projection.json.views.length).toBeGreaterThan(0);
    expect(projection.json.migrations).toBeUndefined();
    expect(projection.json.permissions).toBeUndefined();
    expect(projection.json.roles).toEqual([{ id: 'technician', grantedTo: ['staff'] }]);
    for (const c of Object.values(projection.json.collections) as Record<string, unknown>[]) {
      expect(c.schema).toBeDefined();
      expect(c.indexes).toBeUndefined();
    }
    expect(projection.json.collections.tickets.access).toEqual({
      read: [{ roles: ['resident'] }, { roles: ['plugin:technician', 'operator'] }],
    });
    expect(projection.json.collections.tickets.privacy).toEqual({ unmask: ['operator'] });
    const wrongHash = path.replace(/[0-9a-f]{32}$/, '0'.repeat(32));
    expect((await t.call('GET', wrongHash)).status).toBe(404);
    expect(
      (await t.call('GET', '/api/v1/runtime/plugins/acme.nothing/1.0.0/' + '0'.repeat(32))).status,
    ).toBe(404);
    expect(
      (await t.call('GET', '/api/v1/runtime/plugins/acme.repairs/1.0.0/not-a-hash')).status,
    ).toBe(400);
  });

  it('lists history, diffs two versions and rolls back (runtime follows at once)', async () => {
    const { portal, etag } = await draftOf();
    const changed = structuredClone(portal);
    changed.theme.primaryColor = '#ff0000';
    changed.pages[0]!.blocks.reverse();
    await t.call('PUT', '/api/v1/communities/jiangbei/portal/draft', {
      as: op,
      body: { portal: changed },
      headers: { 'if-match': etag },
    });
    const pub = await t.call('POST', '/api/v1/communities/jiangbei/portal/publish', {
      as: op,
      body: {},
    });
    expect(pub.json.version).toBe(5);
    const history = await t.call('GET', '/api/v1/communities/jiangbei/portal/versions', { as: op });
    expect(history.json.items.map((v: { version: number }) => v.version)).toEqual([5, 4, 3, 2, 1]);
    expect(history.json.items[0].live).toBe(true);
    // Each version names its publisher as people are called (the account's display name).
    expect(history.json.items[0].publishedByName).toBe('op-jb');
    const diff = await t.call('GET', '/api/v1/communities/jiangbei/portal/diff?from=4&to=5', {
      as: op,
    });
    expect(diff.json.changes).toContainEqual({
      op: 'replace',
      pointer: '/theme/primaryColor',
      before: portal.theme.primaryColor,
      after: '#ff0000',
    });
    expect(diff.json.changes.some((c: { op: string }) => c.op === 'move')).toBe(true);
    const before = await t.call('GET', '/api/v1/runtime/jiangbei');
    expect(before.json.portal.theme.primaryColor).toBe('#ff0000');
    expect(
      (
        await t.call('POST', '/api/v1/communities/jiangbei/portal/rollback', {
          as: op,
          body: { version: 4 },
        })
      ).status,
    ).toBe(200);
    const after = await t.call('GET', '/api/v1/runtime/jiangbei');
    expect(after.json.version).toBe(4);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    const missing = await t.call('POST', '/api/v1/communities/jiangbei/portal/rollback', {
      as: op,
      body: { version: 99 },
    });
    expect(missing.status).toBe(404);
    const inUse = await t.call(
      'DELETE',
      '/api/v1/communities/jiangbei/installations/acme.repairs',
      { as: op },
    );
    expect(inUse.json.error.code).toBe('in_use');
  });

  it('audits publishes and rollbacks', async () => {
    const log = await t.call('GET', '/api/v1/communities/jiangbei/audit?action=portal.rollback', {
      as: op,
    });
    expect(log.json.items[0]).toMatchObject({
      action: 'portal.rollback',
      summary: { before: { version: 5 }, after: { version: 4 } },
    });
  });
});

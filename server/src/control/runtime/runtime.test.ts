import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { portalWithAll } from '../../seeds/portal';
import { ADMIN_ACTOR, manifest, publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { startTestServer, type TestServer } from '../../testing/server';
import type { Services } from '../../services';

// Two app instances on one database stand for two server processes behind a load balancer.
const db = useTestDatabase('runtime');
let a: TestServer;
let b: TestServer;
const std = manifest('std.demo', { tier: 'standard' });

async function communityWithPortal(services: Services, id: string): Promise<void> {
  await services.communities.create(
    { id, name: `社区 ${id}`, city: '杭州', district: '西湖区', type: 'new-build' },
    'system',
  );
  await publish(services, id, '#1f7a5c');
}

async function publish(services: Services, id: string, primaryColor: string): Promise<void> {
  const draft = await services.portals.draft(id);
  const portal = portalWithAll([std], { ...draft.portal.theme, primaryColor });
  await services.portals.saveDraft(ADMIN_ACTOR, id, portal, draft.etag);
  await services.portals.publish(ADMIN_ACTOR, id, {});
}

beforeAll(async () => {
  a = await startTestServer(db.connection(), { CHANGE_FEED_POLL_MS: '100' });
  b = await startTestServer(db.connection(), { CHANGE_FEED_POLL_MS: '100' });
  await publishApproved(a.services, std);
  await communityWithPortal(a.services, 'feed-one');
  await communityWithPortal(a.services, 'feed-two');
});
afterAll(async () => {
  await a.close();
  await b.close();
});

describe('the runtime across processes', () => {
  it("follows another process's publish without reading the database on each request", async () => {
    const first = await b.call('GET', '/api/v1/runtime/feed-one');
    expect(first.json.portal.theme.primaryColor).toBe('#1f7a5c');

    // Nothing changed: B answers from memory. (Both apps share the connection's models, so the
    // spy sees A's reads too: it watches only while A is idle.)
    const reads = vi.spyOn(b.services.models.Community, 'findById');
    for (let i = 0; i < 20; i++)
      expect((await b.call('GET', '/api/v1/runtime/feed-one')).status).toBe(200);
    expect(reads).not.toHaveBeenCalled();

    // A publishes; B serves the new version once it has read the feed (a poll, 100 ms here).
    reads.mockRestore();
    await publish(a.services, 'feed-one', '#aa3300');
    const rebuilt = vi.spyOn(b.services.models.Community, 'findById');
    const seenAfter = Date.now();
    let color = first.json.portal.theme.primaryColor;
    while (color !== '#aa3300' && Date.now() - seenAfter < 10_000) {
      await new Promise((r) => setTimeout(r, 50));
      color = (await b.call('GET', '/api/v1/runtime/feed-one')).json.portal.theme.primaryColor;
    }
    expect(color).toBe('#aa3300');
    // Only the community that changed was read again.
    expect(rebuilt.mock.calls.map((c) => c[0])).toEqual(['feed-one']);
    rebuilt.mockRestore();
  });

  it('names one shared projection per plugin version in every community', async () => {
    const one = (await b.call('GET', '/api/v1/runtime/feed-one')).json;
    const two = (await b.call('GET', '/api/v1/runtime/feed-two')).json;
    expect(one.plugins['std.demo'].manifestHash).toMatch(/^[0-9a-f]{32}$/);
    expect(two.plugins['std.demo'].manifestHash).toBe(one.plugins['std.demo'].manifestHash);
    const projection = await b.call(
      'GET',
      `/api/v1/runtime/plugins/std.demo/${std.version}/${one.plugins['std.demo'].manifestHash}`,
    );
    expect(projection.json.id).toBe('std.demo');
    expect(projection.json.views).toEqual(std.views);
  });
});

describe('a cached bundle, answered from memory ahead of the router', () => {
  /** Status, headers but the date, and bytes, as a phone would see them. */
  const seen = async (path: string, headers: Record<string, string>) => {
    const res = await fetch(b.base + path, { headers });
    const bytes = Buffer.from(await res.arrayBuffer()).toString('base64');
    const sent = [...res.headers].filter(([k]) => k !== 'date').sort();
    return { status: res.status, sent, bytes };
  };

  it('is the answer the router gives, for each coding and for a revalidation', async () => {
    const path = '/api/v1/runtime/feed-two';
    const warm = await b.call('GET', path, { headers: { 'accept-encoding': 'identity' } });
    expect(warm.status).toBe(200);
    const etag = warm.headers.get('etag')!;
    const gzipEtag = etag.replace(/"$/, '-gzip"');
    for (const headers of <Record<string, string>[]>[
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'gzip' },
      { 'accept-encoding': 'identity', 'if-none-match': etag },
      { 'accept-encoding': 'gzip', 'if-none-match': gzipEtag },
      { 'accept-encoding': 'identity', 'if-none-match': `W/${gzipEtag}, "other"` },
    ]) {
      // A query string is never answered from memory: the router and the handler answer it.
      const fromMemory = await seen(path, headers);
      const fromRouter = await seen(`${path}?via=router`, headers);
      expect(fromMemory).toEqual(fromRouter);
      expect(fromMemory.status).toBe('if-none-match' in headers ? 304 : 200);
      expect(fromMemory.sent).toContainEqual(['x-content-type-options', 'nosniff']);
      expect(fromMemory.sent).toContainEqual(['cross-origin-resource-policy', 'same-origin']);
    }
  });

  it('leaves other requests to the router', async () => {
    // Not a community id: the router's validation answers it.
    const bad = await b.call('GET', '/api/v1/runtime/NO');
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('validation_failed');
    expect((await b.call('GET', '/api/v1/runtime/no-such-community')).status).toBe(404);
    // A trailing slash and HEAD reach the same route through the router.
    const slash = await b.call('GET', '/api/v1/runtime/feed-two/');
    expect(slash.status).toBe(200);
    expect(slash.json.portal).toBeDefined();
    const head = await fetch(`${b.base}/api/v1/runtime/feed-two`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toMatch(/^"[0-9a-f]+(-gzip)?"$/);
  });
});

describe('the projections a portal places, in one request', () => {
  it('are preloaded with the portal page and served together, immutable', async () => {
    const bundle = (await b.call('GET', '/api/v1/runtime/feed-one')).json;
    const hash = bundle.plugins['std.demo'].manifestHash;
    // The path @scene/client's runtime resource builds from the bundle (manifestsPath).
    const path = `/api/v1/runtime/plugins?set=std.demo:${std.version}:${hash}`;
    const page = await b.call('GET', '/c/feed-one/');
    expect(page.headers.get('link')).toBe(
      `</api/v1/runtime/feed-one>; rel=preload; as=fetch; crossorigin=use-credentials, <${path}>; rel=preload; as=fetch; crossorigin=use-credentials`,
    );

    const set = await b.call('GET', path);
    expect(set.status).toBe(200);
    expect(set.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Object.keys(set.json)).toEqual(['std.demo']);
    const one = await b.call('GET', `/api/v1/runtime/plugins/std.demo/${std.version}/${hash}`);
    expect(set.json['std.demo']).toEqual(one.json);
    const again = await b.call('GET', path, {
      headers: { 'if-none-match': set.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('answer 404 for a hash that names no projection and 400 for a malformed set', async () => {
    const wrong = `/api/v1/runtime/plugins?set=std.demo:${std.version}:${'0'.repeat(32)}`;
    const missing = await b.call('GET', wrong);
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('not_found');
    for (const set of [
      '',
      'std.demo',
      `std.demo:${std.version}:xyz`,
      `,std.demo:1.0.0:${'0'.repeat(32)}`,
    ]) {
      const bad = await b.call('GET', `/api/v1/runtime/plugins?set=${set}`);
      expect(bad.status).toBe(400);
      expect(bad.json.error.code).toBe('validation_failed');
    }
    expect((await b.call('GET', '/api/v1/runtime/plugins')).status).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN_ACTOR, manifest, publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { startTestServer, type TestServer } from '../../testing/server';

// Two app instances on one database stand for two server processes behind a load balancer.
const db = useTestDatabase('standard-versions');
let a: TestServer;
let b: TestServer;
const v1 = manifest('std.kept', { tier: 'standard' });
const v2 = { ...v1, version: '1.1.0' };

beforeAll(async () => {
  a = await startTestServer(db.connection(), { CHANGE_FEED_POLL_MS: '100' });
  b = await startTestServer(db.connection(), { CHANGE_FEED_POLL_MS: '100' });
  await publishApproved(a.services, v1);
});
afterAll(async () => {
  await a.close();
  await b.close();
});

const listed = async (t: TestServer) =>
  (await t.services.registry.approvedStandardPlugins()).map((p) => `${p.pluginId}@${p.version}`);

describe('the approved standard versions', () => {
  it('are read once, then kept while no review changes them (creating communities reads none)', async () => {
    expect(await listed(b)).toEqual([`std.kept@${v1.version}`]);
    // Both apps share the connection's models: the spy sees A's reads too (publishing checks the
    // plugin's versions), so only the listing of standard versions counts.
    const reads = vi.spyOn(b.services.models.PluginVersion, 'find');
    for (let i = 0; i < 5; i++) expect(await listed(b)).toEqual([`std.kept@${v1.version}`]);
    await b.services.communities.create(
      { id: 'kept-1', name: '标配社区', city: '杭州', district: '西湖区', type: 'new-build' },
      ADMIN_ACTOR,
    );
    const installed = await b.services.installations.get('kept-1', 'std.kept', false);
    expect(installed.version).toBe(v1.version);
    // A reviewed optional plugin changes nothing here.
    await publishApproved(a.services, manifest('acme.other'));
    await new Promise((r) => setTimeout(r, 300));
    expect(await listed(b)).toEqual([`std.kept@${v1.version}`]);
    const listings = reads.mock.calls.filter((c) => (c[0] as { tier?: string } | undefined)?.tier);
    expect(listings).toEqual([]);
    reads.mockRestore();
  });

  it("follow another process's review within a poll: new communities get the new version", async () => {
    await a.services.registry.publish(ADMIN_ACTOR, v2);
    // Published but not reviewed yet: not approved, so not listed.
    expect(await listed(a)).toEqual([`std.kept@${v1.version}`]);
    await a.services.registry.review(ADMIN_ACTOR, v2.id, v2.version, 'approve');
    // The reviewing process knows at once; the other once it has read the change feed.
    expect(await listed(a)).toEqual(['std.kept@1.1.0']);
    const since = Date.now();
    let seen = await listed(b);
    while (seen[0] !== 'std.kept@1.1.0' && Date.now() - since < 10_000) {
      await new Promise((r) => setTimeout(r, 50));
      seen = await listed(b);
    }
    expect(seen).toEqual(['std.kept@1.1.0']);
    await b.services.communities.create(
      { id: 'kept-2', name: '新标配社区', city: '杭州', district: '西湖区', type: 'new-build' },
      ADMIN_ACTOR,
    );
    expect((await b.services.installations.get('kept-2', 'std.kept', false)).version).toBe('1.1.0');
  });
});

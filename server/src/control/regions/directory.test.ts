import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN_ACTOR } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { startTestServer, type TestServer } from '../../testing/server';

// Two app instances on one database stand for two server processes: A answers region reads from
// its directory, B makes the changes; A must follow them through the change feed.
const db = useTestDatabase('region-directory');
let a: TestServer;
let b: TestServer;

const TREE = [
  { id: 'p', name: '省', level: 'province' },
  { id: 'p-c', name: '市', level: 'city', parentId: 'p' },
  { id: 'p-c-d', name: '区', level: 'district', parentId: 'p-c' },
  { id: 'p-c-d-s', name: '街道', level: 'street', parentId: 'p-c-d' },
  { id: 'p-c-d-t', name: '另一街道', level: 'street', parentId: 'p-c-d' },
] as const;

const community = (id: string) =>
  b.services.communities.create(
    { id, name: `社区 ${id}`, city: '杭州', district: '西湖区', type: 'new-build' },
    ADMIN_ACTOR,
  );
const members = async (t: TestServer, node: string) =>
  (await t.services.regions.members(node, ADMIN_ACTOR)).list.map(
    (c) => `${c.id}:${c.name}:${c.published ? 'live' : 'draft'}`,
  );
/** A's answer once it has read the feed (a poll is 100 ms here). */
async function followed(node: string, expected: string[]): Promise<string[]> {
  const since = Date.now();
  let seen = await members(a, node);
  while (JSON.stringify(seen) !== JSON.stringify(expected) && Date.now() - since < 10_000) {
    await new Promise((r) => setTimeout(r, 50));
    seen = await members(a, node);
  }
  return seen;
}

beforeAll(async () => {
  a = await startTestServer(db.connection(), { CHANGE_FEED_POLL_MS: '100' });
  b = await startTestServer(db.connection(), { CHANGE_FEED_POLL_MS: '100' });
  for (const node of TREE) await b.services.regions.create({ ...node }, ADMIN_ACTOR);
  for (const id of ['one', 'two']) {
    await community(id);
    await b.services.regions.place('p-c-d-s', id, ADMIN_ACTOR);
  }
});
afterAll(async () => {
  await a.close();
  await b.close();
});

describe('the region directory', () => {
  it('answers a node’s communities without reading every placement and community again', async () => {
    expect(await members(a, 'p')).toEqual(['one:社区 one:draft', 'two:社区 two:draft']);
    const placements = vi.spyOn(a.services.models.RegionPlacement, 'find');
    const communities = vi.spyOn(a.services.models.Community, 'find');
    expect(await members(a, 'p-c-d-s')).toEqual(['one:社区 one:draft', 'two:社区 two:draft']);
    expect(await members(a, 'p-c-d-t')).toEqual([]);
    // Both apps share the connection's models: B reads nothing meanwhile.
    expect(placements).not.toHaveBeenCalled();
    expect(communities).not.toHaveBeenCalled();
    placements.mockRestore();
    communities.mockRestore();
  });

  it('follows another process’s rename, move, new community, publish and archive', async () => {
    await b.services.communities.update('one', { name: '新名字' }, ADMIN_ACTOR);
    expect(await followed('p', ['one:新名字:draft', 'two:社区 two:draft'])).toEqual([
      'one:新名字:draft',
      'two:社区 two:draft',
    ]);

    await b.services.regions.place('p-c-d-t', 'two', ADMIN_ACTOR);
    expect(await followed('p-c-d-t', ['two:社区 two:draft'])).toEqual(['two:社区 two:draft']);
    expect(await members(a, 'p-c-d-s')).toEqual(['one:新名字:draft']);

    await community('three');
    await b.services.regions.place('p-c-d-s', 'three', ADMIN_ACTOR);
    expect(await followed('p-c-d-s', ['one:新名字:draft', 'three:社区 three:draft'])).toEqual([
      'one:新名字:draft',
      'three:社区 three:draft',
    ]);

    await b.services.portals.publish(ADMIN_ACTOR, 'three', {});
    expect(await followed('p-c-d-s', ['one:新名字:draft', 'three:社区 three:live'])).toEqual([
      'one:新名字:draft',
      'three:社区 three:live',
    ]);

    await b.services.communities.archive('one', ADMIN_ACTOR);
    expect(await followed('p', ['three:社区 three:live', 'two:社区 two:draft'])).toEqual([
      'three:社区 three:live',
      'two:社区 two:draft',
    ]);
  });

  it('the changing process sees its own change at once', async () => {
    await b.services.communities.update('two', { name: '即时' }, ADMIN_ACTOR);
    expect(await members(b, 'p-c-d-t')).toEqual(['two:即时:draft']);
  });
});

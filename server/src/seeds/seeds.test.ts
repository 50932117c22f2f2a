import { standardPlugins } from '@scene/plugins';
import { localDate } from '@scene/schema';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useTestDatabase } from '../testing/database';
import { startTestServer, type TestServer } from '../testing/server';
import { CODES, recordCollectionName } from '../data/records/names';
import { DEMO_PASSWORDS, seedDemo } from './demo';
import { DEMO_PLACES } from './province';

const db = useTestDatabase('seeds');
// Seeding the province twice (every plugin and portal of five live communities, a year of
// activity) takes about a minute on a machine shared by several test runs: room for that.
vi.setConfig({ testTimeout: 240_000 });
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer(db.connection());
});
afterAll(() => t.close());

const counts = async () => {
  const m = t.services.models;
  return Promise.all([
    m.Account.countDocuments(),
    m.Community.countDocuments(),
    m.Membership.countDocuments(),
    m.PluginVersion.countDocuments(),
    m.PluginFixtures.countDocuments(),
    m.Installation.countDocuments(),
    m.PortalVersion.countDocuments(),
    m.Invitation.countDocuments(),
    m.Region.countDocuments(),
    m.RegionPlacement.countDocuments(),
    t.services.dataPlane.connection
      .db!.collection(recordCollectionName('std.property-repair', 'tickets'))
      .countDocuments(),
  ]);
};
const LIVE = ['cuiyuan', 'jiangbei', 'wenxin', 'zhuantang', 'shounan'];
const signIn = async (username: string, password: string) => {
  const login = await t.call('POST', '/api/v1/auth/login', { body: { username, password } });
  expect(login.status, username).toBe(200);
  return /scene_session=([^;]+)/.exec(login.headers.get('set-cookie')!)![1]!;
};

describe('demo seeds', () => {
  it('refuses production mode', async () => {
    await expect(seedDemo(t.services, { mode: 'production' })).rejects.toThrow(/production/);
    expect((await counts())[0]).toBe(0);
  });

  it('seeds the live communities with every standard plugin installed and a published portal, idempotently', async () => {
    const summary = await seedDemo(t.services, { mode: 'development' });
    expect(summary.communities.map((c) => c.id)).toEqual(LIVE);
    const first = await counts();
    expect(first[1]).toBe(Object.keys(DEMO_PLACES).length);
    await seedDemo(t.services, { mode: 'development' });
    expect(await counts()).toEqual(first);

    for (const id of LIVE) {
      const runtime = await t.call('GET', `/api/v1/runtime/${id}`);
      expect(runtime.status).toBe(200);
      expect(Object.keys(runtime.json.plugins).sort()).toEqual(
        standardPlugins.map((p) => p.id).sort(),
      );
      expect(runtime.json.version).toBe(1);
    }
    // The standard plugins' example data is in the registry, for the studio's previews.
    expect(first[4]).toBe(standardPlugins.length);
    const repair = await t.services.fixtures.get(
      { accountId: 'x', username: 'x', displayName: 'x', platformRoles: ['admin'] },
      'std.property-repair',
      standardPlugins.find((p) => p.id === 'std.property-repair')!.version,
    );
    expect(repair.records.tickets?.length).toBeGreaterThan(0);
    const colours = await Promise.all(
      LIVE.map(async (id) => (await t.call('GET', `/api/v1/runtime/${id}`)).json.portal.theme),
    );
    expect(new Set(colours.map((c) => c.primaryColor)).size).toBe(LIVE.length);
    // A community still being planned or built has no portal yet.
    expect((await t.call('GET', '/api/v1/runtime/yuehe')).status).toBe(404);
  });

  it('places every community under its street and counts the build stages, late ones listed', async () => {
    const placements = await t.services.models.RegionPlacement.find({}).lean();
    expect(Object.fromEntries(placements.map((p) => [p._id, p.streetId]))).toEqual(DEMO_PLACES);
    expect(placements.find((p) => p._id === 'wenxin')?.path).toEqual([
      'zj',
      'zj-hz',
      'zj-hz-xh',
      'zj-hz-xh-wx',
    ]);
    const province = await signIn('supervisor-zj', DEMO_PASSWORDS.supervisor);
    const all = await t.call('GET', '/api/v1/regions/zj/build', { as: province });
    expect(all.status, all.text).toBe(200);
    expect(all.json.stages).toEqual({
      planning: 1,
      building: 2,
      acceptance: 1,
      operating: 4,
      unset: 0,
    });
    const late = (all.json.late as { communityId: string; key: string }[]).map(
      (l) => `${l.communityId}/${l.key}`,
    );
    expect(late.sort()).toEqual(['jiangbei/structure', 'xiaohe/accept', 'yuehe/plan']);
    // Every city and 西湖区 compare more than one child.
    const overview = await t.call('GET', '/api/v1/regions/zj/overview', { as: province });
    expect(overview.json.children.map((c: { id: string }) => c.id)).toEqual([
      'zj-hu',
      'zj-hz',
      'zj-nb',
      'zj-wz',
    ]);
  });

  it('shows a supervisor of 西湖区 the West Lake communities only', async () => {
    const district = await signIn('supervisor-xh', DEMO_PASSWORDS.supervisor);
    const build = await t.call('GET', '/api/v1/regions/zj-hz-xh/build', { as: district });
    expect(build.status, build.text).toBe(200);
    expect(build.json.rows.map((r: { id: string }) => r.id).sort()).toEqual([
      'cuiyuan',
      'wenxin',
      'zhuantang',
    ]);
    expect(build.json.stages.operating).toBe(3);
    const dash = await t.call('GET', '/api/v1/regions/zj-hz-xh/dashboard?period=30d', {
      as: district,
    });
    expect(dash.status, dash.text).toBe(200);
    expect(JSON.stringify(dash.json)).not.toMatch(/jiangbei|shounan|xiaohe|江北|首南/);
    for (const url of [
      '/api/v1/regions/zj/overview',
      '/api/v1/regions/zj-nb/build',
      '/api/v1/communities/jiangbei/dashboard?period=30d',
    ])
      expect((await t.call('GET', url, { as: district })).status, url).toBeGreaterThanOrEqual(403);
  });

  it('generates a year of activity behind the dashboards once, in the past, nobody’s own', async () => {
    // The previous test seeded twice: the first run generated, the second found the claim.
    const again = await seedDemo(t.services, { mode: 'development' });
    expect(again.activity).toEqual([]);
    const db = t.services.dataPlane.connection.db!;
    const tickets = await db
      .collection(recordCollectionName('std.property-repair', 'tickets'))
      .find({ communityId: 'cuiyuan' }, { projection: { createdAt: 1, createdBy: 1 } })
      .toArray();
    expect(tickets.length).toBeGreaterThan(50);
    const now = new Date().toISOString();
    expect(tickets.every((d) => (d.createdAt as string) < now)).toBe(true);
    // Twelve months in Shanghai time: every month before this one back to the same month a year
    // ago has activity (each of its monthly reports has figures), none older.
    const reads = await db
      .collection(recordCollectionName('std.notice-board', 'reads'))
      .find({ communityId: 'cuiyuan' }, { projection: { createdAt: 1 } })
      .toArray();
    const monthOf = (iso: string) => localDate(new Date(iso), 'Asia/Shanghai').slice(0, 7);
    const months = new Set([...tickets, ...reads].map((d) => monthOf(d.createdAt as string)));
    const thisMonth = monthOf(now);
    const [year, month] = thisMonth.split('-').map(Number) as [number, number];
    const wanted = Array.from({ length: 12 }, (_, i) =>
      new Date(Date.UTC(year, month - 2 - i, 1)).toISOString().slice(0, 7),
    );
    expect(wanted.filter((m) => !months.has(m))).toEqual([]);
    const yearAgo = new Date(Date.UTC(year - 1, month - 1, 1)).toISOString().slice(0, 7);
    expect([...months].filter((m) => m < yearAgo)).toEqual([]);
    // A community opened five months ago has five months of history.
    const newer = await db
      .collection(recordCollectionName('std.property-repair', 'tickets'))
      .find({ communityId: 'zhuantang' }, { projection: { createdAt: 1 } })
      .toArray();
    expect(newer.length).toBeGreaterThan(0);
    const opened = new Date(Date.now() - 151 * 86_400_000).toISOString();
    expect(newer.every((d) => (d.createdAt as string) > opened)).toBe(true);
    const cookie = await signIn('admin', DEMO_PASSWORDS.admin);
    const dash = await t.call('GET', '/api/v1/communities/cuiyuan/dashboard?period=90d', {
      as: cookie,
    });
    expect(dash.status, dash.text).toBe(200);
    // Over a quarter every declared metric of the demo reads a figure (a real 0 where the
    // examples never reach a state, e.g. no childcare absence), most of them more than that; a
    // thin month may hide a rare one under the minimum group size, as real data would.
    const metrics = dash.json.metrics as { key: string; total: number | null }[];
    expect(metrics.filter((m) => typeof m.total !== 'number').map((m) => m.key)).toEqual([]);
    const totals = metrics.map((m) => m.total);
    expect(totals.filter((v) => v! > 0).length).toBeGreaterThan(totals.length / 2);
    const reported = dash.json.metrics.find(
      (m: { key: string }) => m.key === 'std.property-repair/reported',
    );
    const { from, to } = dash.json.period as { from: string; to: string };
    const inPeriod = tickets.filter((d) => {
      const day = localDate(new Date(d.createdAt as string), 'Asia/Shanghai');
      return day >= from && day < to;
    });
    expect(reported.total).toBe(inPeriod.length);
    // The demo resident's own list is theirs alone.
    const login = await t.call('POST', '/api/v1/auth/login', {
      body: { username: 'resident-cuiyuan', password: DEMO_PASSWORDS.resident },
    });
    const res = /scene_session=([^;]+)/.exec(login.headers.get('set-cookie')!)![1]!;
    const mine = await t.call(
      'GET',
      '/api/v1/communities/cuiyuan/plugins/std.property-repair/queries/myTickets',
      { as: res },
    );
    expect(mine.status).toBe(200);
    expect(mine.json.items).toEqual([]);
    // The activity began the numbering, so the demo's own creates carry their numbers (two
    // round trips) rather than claiming them as a collection with older records does.
    const numbering = await db
      .collection(CODES)
      .findOne({ _id: 'std.property-repair|tickets|cuiyuan|@' as never });
    expect(numbering?.way).toBe('record');
  });

  it('lets every demo account log in with its printed password', async () => {
    const login = await t.call('POST', '/api/v1/auth/login', {
      body: { username: 'staff-cuiyuan', password: DEMO_PASSWORDS.staff },
    });
    expect(login.status).toBe(200);
    const cookie = /scene_session=([^;]+)/.exec(login.headers.get('set-cookie')!)![1]!;
    const me = await t.call('GET', '/api/v1/auth/me', { as: cookie });
    expect(me.json.memberships[0]).toMatchObject({ communityId: 'cuiyuan', role: 'staff' });
    // Staff hold the plugins' staff roles by default (grantedTo), without explicit grants.
    expect(me.json.memberships[0].pluginRoles).toEqual([]);
    const queue = await t.call(
      'GET',
      '/api/v1/communities/cuiyuan/plugins/std.property-repair/queries/queue',
      { as: cookie },
    );
    expect(queue.status).toBe(200);
    const reg = await t.call('POST', '/api/v1/auth/register', {
      body: {
        invitationCode: 'cuiyuan-2025',
        username: 'newbie',
        displayName: '新居民',
        password: 'Lantern-orbit-58',
      },
    });
    expect(reg.status).toBe(201);
    expect(reg.json.communityId).toBe('cuiyuan');
  });

  it('seeds a resident whose space bookings are paused after three no-shows, and only her', async () => {
    const pauseOf = async (username: string) => {
      const login = await t.call('POST', '/api/v1/auth/login', {
        body: { username, password: DEMO_PASSWORDS.resident },
      });
      const cookie = /scene_session=([^;]+)/.exec(login.headers.get('set-cookie')!)![1]!;
      const url = '/api/v1/communities/cuiyuan/plugins/std.shared-spaces/actions/book/pause';
      return (await t.call('GET', url, { as: cookie })).json;
    };
    const yesterday = localDate(new Date(Date.now() - 86_400_000), 'Asia/Shanghai');
    const [y, m, d] = yesterday.split('-').map(Number) as [number, number, number];
    const until = new Date(Date.UTC(y, m - 1, d + 14)).toISOString().slice(0, 10);
    expect((await pauseOf('paused-cuiyuan')).until).toBe(until);
    expect(await pauseOf('resident-cuiyuan')).toEqual({ until: null });
  });
});

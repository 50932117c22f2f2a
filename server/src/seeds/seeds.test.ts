import { standardPlugins } from '@scene/plugins';
import { localDate } from '@scene/schema';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useTestDatabase } from '../testing/database';
import { startTestServer, type TestServer } from '../testing/server';
import { CODES, recordCollectionName } from '../data/records/names';
import { DEMO_PASSWORDS, seedDemo } from './demo';

const db = useTestDatabase('seeds');
// Seeding both communities twice (every plugin, portal, weeks of activity) takes about 30 s on a
// machine shared by several test runs: room for that, above the project's 30 s default.
vi.setConfig({ testTimeout: 120_000 });
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
  ]);
};

describe('demo seeds', () => {
  it('refuses production mode', async () => {
    await expect(seedDemo(t.services, { mode: 'production' })).rejects.toThrow(/production/);
    expect((await counts())[0]).toBe(0);
  });

  it('seeds two communities with every standard plugin installed and a published portal, idempotently', async () => {
    const summary = await seedDemo(t.services, { mode: 'development' });
    expect(summary.communities.map((c) => c.id)).toEqual(['cuiyuan', 'jiangbei']);
    const first = await counts();
    await seedDemo(t.services, { mode: 'development' });
    expect(await counts()).toEqual(first);

    for (const id of ['cuiyuan', 'jiangbei']) {
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
    const a = await t.call('GET', '/api/v1/runtime/cuiyuan');
    const b = await t.call('GET', '/api/v1/runtime/jiangbei');
    expect(a.json.portal.theme.primaryColor).not.toBe(b.json.portal.theme.primaryColor);
  });

  it('generates weeks of activity behind the dashboards once, in the past, nobody’s own', async () => {
    // The previous test seeded twice: the first run generated, the second found the claim.
    const again = await seedDemo(t.services, { mode: 'development' });
    expect(again.activity).toEqual([]);
    const db = t.services.dataPlane.connection.db!;
    const tickets = await db
      .collection(recordCollectionName('std.property-repair', 'tickets'))
      .find({ communityId: 'cuiyuan' }, { projection: { createdAt: 1, createdBy: 1 } })
      .toArray();
    expect(tickets.length).toBeGreaterThan(100);
    const now = new Date().toISOString();
    expect(tickets.every((d) => (d.createdAt as string) < now)).toBe(true);
    const admin = await t.call('POST', '/api/v1/auth/login', {
      body: { username: 'admin', password: DEMO_PASSWORDS.admin },
    });
    const cookie = /scene_session=([^;]+)/.exec(admin.headers.get('set-cookie')!)![1]!;
    const dash = await t.call('GET', '/api/v1/communities/cuiyuan/dashboard?period=30d', {
      as: cookie,
    });
    expect(dash.status, dash.text).toBe(200);
    // Every declared metric of the demo reads a figure (a real 0 where the examples never reach
    // a state, e.g. no childcare absence), most of them more than that.
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

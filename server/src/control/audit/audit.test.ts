import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifest, publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';

const db = useTestDatabase('audit');
let t: TestServer;
let admin: { token: string; accountId: string };

const REPAIR = { 'zh-CN': '楼道报修', en: 'Stairwell repairs' };
// The example manifest's role.
const FIXER = { 'zh-CN': '维修人员', en: 'Technician' };

beforeAll(async () => {
  t = await startTestServer(db.connection());
  admin = await sessionFor(t.services, { username: 'root', platformRoles: ['admin'] });
});
afterAll(() => t.close());

describe('the audit log', () => {
  it('names the people, community, plugin and roles an entry mentions, as they are called now', async () => {
    await publishApproved(t.services, manifest('acme.repair', { name: REPAIR }));
    const created = await t.call('POST', '/api/v1/communities', {
      as: admin.token,
      body: {
        id: 'cuiyuan',
        name: '翠苑未来社区',
        city: '杭州',
        district: '西湖区',
        type: 'renovation',
        enabledScenes: ['service'],
        theme: { primaryColor: '#c0392b' },
      },
    });
    expect(created.status).toBe(201);
    // A plugin role is granted only for a plugin the community has installed.
    await t.services.installations.install('system', 'cuiyuan', { pluginId: 'acme.repair' });
    const added = await t.call('POST', '/api/v1/communities/cuiyuan/members', {
      as: admin.token,
      body: {
        username: 'zhang-wei',
        role: 'staff',
        displayName: '张伟',
        password: 'Copper-kettle-31',
        pluginRoles: ['plugin:acme.repair/technician'],
      },
    });
    expect(added.status).toBe(201);

    const log = await t.call('GET', '/api/v1/audit?communityId=cuiyuan', { as: admin.token });
    expect(log.status).toBe(200);
    expect(log.json.items.map((e: { action: string }) => e.action)).toEqual([
      'membership.add',
      'installation.install',
      'community.create',
    ]);
    expect(log.json.labels).toEqual({
      accounts: { [admin.accountId]: 'root', [added.json.accountId]: '张伟' },
      communities: { cuiyuan: '翠苑未来社区' },
      plugins: { 'acme.repair': REPAIR },
      pluginRoles: { 'plugin:acme.repair/technician': FIXER },
      regions: {},
    });
    // An operator reads the same names in the community's own log.
    const own = await t.call('GET', '/api/v1/communities/cuiyuan/audit', { as: admin.token });
    expect(own.json.labels.accounts[added.json.accountId]).toBe('张伟');
  });

  it('filters by actor, kind and period', async () => {
    const list = async (query: string) =>
      (await t.call('GET', `/api/v1/audit?${query}`, { as: admin.token })).json.items.map(
        (e: { action: string }) => e.action,
      );
    expect(await list('action=membership.add')).toEqual(['membership.add']);
    expect(await list(`actorId=${admin.accountId}&action=community.create`)).toEqual([
      'community.create',
    ]);
    expect(await list('actorId=someone-else')).toEqual([]);
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    expect(await list(`from=${hourAgo}&to=${inAnHour}&action=membership.add`)).toEqual([
      'membership.add',
    ]);
    expect(await list(`from=${inAnHour}`)).toEqual([]);
    expect(await list(`to=${hourAgo}`)).toEqual([]);
  });

  it('refuses a period that ends before it starts, or a date that is not one', async () => {
    const backwards = await t.call(
      'GET',
      `/api/v1/audit?from=2026-11-30T00:00:00Z&to=2026-11-01T00:00:00Z`,
      { as: admin.token },
    );
    expect(backwards.status).toBe(400);
    expect(backwards.json.error.message).toMatch(/ends before it starts/);
    const notADate = await t.call('GET', '/api/v1/audit?from=yesterday', { as: admin.token });
    expect(notADate.status).toBe(400);
    expect(notADate.json.error.details[0].pointer).toBe('/query/from');
  });

  it('names the regions an entry mentions (a removed one has no name left)', async () => {
    const tree = [
      { id: 'zj', name: '浙江省', level: 'province' },
      { id: 'zj-hz', name: '杭州市', level: 'city', parentId: 'zj' },
      { id: 'zj-hz-xh', name: '西湖区', level: 'district', parentId: 'zj-hz' },
      { id: 'xh-bsq', name: '北山街道', level: 'street', parentId: 'zj-hz-xh' },
      { id: 'xh-gone', name: '撤销街道', level: 'street', parentId: 'zj-hz-xh' },
    ];
    for (const body of tree)
      expect((await t.call('POST', '/api/v1/regions', { as: admin.token, body })).status).toBe(201);
    const placed = await t.call('PUT', '/api/v1/regions/xh-bsq/communities/cuiyuan', {
      as: admin.token,
    });
    expect(placed.status).toBe(204);
    expect((await t.call('DELETE', '/api/v1/regions/xh-gone', { as: admin.token })).status).toBe(
      204,
    );
    const labels = async (action: string) =>
      (await t.call('GET', `/api/v1/audit?action=${action}`, { as: admin.token })).json.labels
        .regions;
    expect(await labels('region.place')).toEqual({ 'xh-bsq': '北山街道' });
    // Each node by its name, its parent too; the removed street is not named.
    expect(await labels('region.create')).toEqual({
      zj: '浙江省',
      'zj-hz': '杭州市',
      'zj-hz-xh': '西湖区',
      'xh-bsq': '北山街道',
    });
    // The community's own log names its street for its operator.
    const own = await t.call('GET', '/api/v1/communities/cuiyuan/audit?action=region.place', {
      as: admin.token,
    });
    expect(own.json.labels.regions).toEqual({ 'xh-bsq': '北山街道' });
    // A removed region's entry keeps its name; a rename keeps both (names are no personal data).
    const removed = await t.call('GET', '/api/v1/audit?action=region.remove', { as: admin.token });
    expect(removed.json.items[0].summary).toEqual({ name: '撤销街道' });
    const renamed = await t.call('PATCH', '/api/v1/regions/xh-bsq', {
      as: admin.token,
      body: { name: '北山' },
    });
    expect(renamed.json.name).toBe('北山');
    const rename = await t.call('GET', '/api/v1/audit?action=region.rename', { as: admin.token });
    expect(rename.json.items[0].summary).toEqual({
      before: { name: '北山街道' },
      after: { name: '北山' },
    });
  });

  it("keeps a community's log to its operators and admins", async () => {
    const other = await t.call('POST', '/api/v1/communities', {
      as: admin.token,
      body: {
        id: 'jiangbei',
        name: '江北未来社区',
        city: '杭州',
        district: '滨江区',
        type: 'new-build',
        enabledScenes: ['service'],
        theme: { primaryColor: '#c0392b' },
      },
    });
    expect(other.status).toBe(201);
    const member = async (community: string, username: string, role: string) => {
      const res = await t.call('POST', `/api/v1/communities/${community}/members`, {
        as: admin.token,
        body: { username, role, displayName: username, password: 'Copper-kettle-31' },
      });
      expect(res.status, res.text).toBe(201);
      return (await sessionFor(t.services, { username })).token;
    };
    const ownOperator = await member('cuiyuan', 'op-cy', 'operator');
    const otherOperator = await member('jiangbei', 'op-jb', 'operator');
    const resident = await member('cuiyuan', 'li-na', 'resident');
    const read = (as: string) => t.call('GET', '/api/v1/communities/cuiyuan/audit', { as });

    const own = await read(ownOperator);
    expect(own.status).toBe(200);
    expect(own.json.items.length).toBeGreaterThan(0);
    expect(new Set(own.json.items.map((e: { communityId: string }) => e.communityId))).toEqual(
      new Set(['cuiyuan']),
    );
    for (const [who, token] of [
      ["another community's operator", otherOperator],
      ['a resident', resident],
    ] as const) {
      const refused = await read(token);
      expect(refused.status, who).toBe(403);
      expect(refused.json.error.code, who).toBeTruthy();
    }
    // The platform's log is for admins only, whatever a community role.
    expect((await t.call('GET', '/api/v1/audit', { as: ownOperator })).status).toBe(403);
    // Nobody signed in reads nothing.
    expect((await t.call('GET', '/api/v1/communities/cuiyuan/audit')).status).toBe(401);
  });
});

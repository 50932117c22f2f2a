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
});

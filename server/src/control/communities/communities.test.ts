import { standardPluginEntries } from '@scene/plugins';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';

const db = useTestDatabase('communities');
let t: TestServer;
let admin: string;

const community = {
  id: 'cuiyuan',
  name: '翠苑未来社区',
  city: '杭州',
  district: '西湖区',
  type: 'renovation',
  enabledScenes: ['service', 'governance'],
  theme: { primaryColor: '#c0392b', fontScale: 'large' },
};

beforeAll(async () => {
  t = await startTestServer(db.connection());
  admin = (await sessionFor(t.services, { username: 'root', platformRoles: ['admin'] })).token;
});
afterAll(() => t.close());

describe('communities', () => {
  it('lets an admin create, read, change and archive a community, with audit entries', async () => {
    const created = await t.call('POST', '/api/v1/communities', { as: admin, body: community });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      id: 'cuiyuan',
      type: 'renovation',
      publishedVersion: null,
    });
    const dup = await t.call('POST', '/api/v1/communities', { as: admin, body: community });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe('community_exists');

    const patched = await t.call('PATCH', '/api/v1/communities/cuiyuan', {
      as: admin,
      body: { district: '西湖区翠苑街道', theme: { primaryColor: '#123456' } },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.theme.primaryColor).toBe('#123456');

    const log = await t.call('GET', '/api/v1/audit?communityId=cuiyuan', { as: admin });
    expect(log.json.items.map((e: { action: string }) => e.action)).toEqual([
      'community.update',
      'community.create',
    ]);
    // Only field names reach the audit log, not the values.
    expect(log.text).not.toContain('翠苑街道');

    await t.call('POST', '/api/v1/communities', {
      as: admin,
      body: { ...community, id: 'old-one' },
    });
    expect((await t.call('DELETE', '/api/v1/communities/old-one', { as: admin })).status).toBe(204);
    const list = await t.call('GET', '/api/v1/communities', { as: admin });
    expect(list.json.items.map((c: { id: string }) => c.id)).toEqual(['cuiyuan']);
  });

  it('rejects bad community input with pointers', async () => {
    const res = await t.call('POST', '/api/v1/communities', {
      as: admin,
      body: { ...community, id: 'Bad Id!', type: 'castle', theme: { primaryColor: 'red' } },
    });
    expect(res.status).toBe(400);
    const pointers = res.json.error.details.map((d: { pointer: string }) => d.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining(['/body/id', '/body/type', '/body/theme/primaryColor']),
    );
  });

  it('registers residents with an invitation code, honouring its use limit', async () => {
    const op = await sessionFor(t.services, { username: 'op-cuiyuan' });
    await t.services.members.ensure('cuiyuan', op.accountId, 'operator');
    const inv = await t.call('POST', '/api/v1/communities/cuiyuan/invitations', {
      as: op.token,
      body: { maxUses: 2, label: '一期' },
    });
    expect(inv.status).toBe(201);
    const code = inv.json.code as string;
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);

    const attempts = await Promise.all(
      ['res1', 'res2', 'res3', 'res4'].map((u) =>
        t.call('POST', '/api/v1/auth/register', {
          body: {
            invitationCode: code.toLowerCase(),
            username: u,
            displayName: '居民',
            password: 'Lantern-orbit-58',
          },
        }),
      ),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual([201, 201, 400, 400]);
    const winner = attempts.find((a) => a.status === 201)!;
    const cookie = /scene_session=([^;]+)/.exec(winner.headers.get('set-cookie')!)![1]!;
    const me = await t.call('GET', '/api/v1/auth/me', { as: cookie });
    expect(me.json.memberships).toEqual([
      { communityId: 'cuiyuan', communityName: '翠苑未来社区', role: 'resident', pluginRoles: [] },
    ]);
    // Losers left no account behind.
    expect(
      await t.services.models.Account.countDocuments({
        username: { $in: ['res1', 'res2', 'res3', 'res4'] },
      }),
    ).toBe(2);

    const listed = await t.call('GET', '/api/v1/communities/cuiyuan/invitations', { as: op.token });
    expect(listed.json.items[0]).toMatchObject({ uses: 2, maxUses: 2, revoked: false });
    expect(listed.text).not.toContain(code);

    const regen = await t.call(
      'POST',
      `/api/v1/communities/cuiyuan/invitations/${inv.json.id}/regenerate`,
      {
        as: op.token,
      },
    );
    expect(regen.status).toBe(201);
    expect(regen.json.code).not.toBe(code);
  });

  it('lets operators create staff accounts and manage staff and residents, but not operators', async () => {
    // Staff are granted the repair plugin's roles: it must be installed here.
    const repair = standardPluginEntries.find((e) => e.dir === 'property-repair')!.manifest;
    await publishApproved(t.services, repair);
    await t.services.installations.install('system', 'cuiyuan', { pluginId: repair.id });
    const op = await sessionFor(t.services, { username: 'op-cuiyuan' });
    const added = await t.call('POST', '/api/v1/communities/cuiyuan/members', {
      as: op.token,
      body: {
        username: 'repair-li',
        role: 'staff',
        displayName: '李师傅',
        password: 'Copper-kettle-31',
        pluginRoles: ['plugin:std.property-repair/repairStaff'],
      },
    });
    expect(added.status).toBe(201);
    const again = await t.call('POST', '/api/v1/communities/cuiyuan/members', {
      as: admin,
      body: { username: 'repair-li', role: 'staff' },
    });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('already_member');
    const promote = await t.call(
      'PATCH',
      `/api/v1/communities/cuiyuan/members/${added.json.accountId}`,
      {
        as: op.token,
        body: { role: 'operator' },
      },
    );
    expect(promote.status).toBe(403);
    const byAdmin = await t.call(
      'PATCH',
      `/api/v1/communities/cuiyuan/members/${added.json.accountId}`,
      {
        as: admin,
        body: { pluginRoles: [] },
      },
    );
    expect(byAdmin.status).toBe(200);
    const members = await t.call('GET', '/api/v1/communities/cuiyuan/members?role=staff', {
      as: op.token,
    });
    expect(members.json.items).toHaveLength(1);
    expect(
      (
        await t.call('DELETE', `/api/v1/communities/cuiyuan/members/${added.json.accountId}`, {
          as: op.token,
        })
      ).status,
    ).toBe(204);
    const resident = await sessionFor(t.services, { username: 'res-x' });
    await t.services.members.ensure('cuiyuan', resident.accountId, 'resident');
    expect(
      (await t.call('GET', '/api/v1/communities/cuiyuan/members', { as: resident.token })).status,
    ).toBe(403);
    expect(
      (await t.call('GET', '/api/v1/communities/cuiyuan', { as: resident.token })).status,
    ).toBe(200);
  });

  it("never lets an operator pull someone else's account in; its owner joins with a code", async () => {
    const op = await sessionFor(t.services, { username: 'op-cuiyuan' });
    await t.call('POST', '/api/v1/communities', {
      as: admin,
      body: { ...community, id: 'jiangbei', name: '江北' },
    });
    const elsewhere = await sessionFor(t.services, { username: 'wang-jiangbei' });
    await t.services.members.ensure('jiangbei', elsewhere.accountId, 'resident');
    const memberships = () => t.services.models.Membership.countDocuments();
    const before = await memberships();

    const pull = await t.call('POST', '/api/v1/communities/cuiyuan/members', {
      as: op.token,
      body: { username: 'wang-jiangbei', role: 'resident' },
    });
    const probe = await t.call('POST', '/api/v1/communities/cuiyuan/members', {
      as: op.token,
      body: { username: 'nobody-at-all', role: 'resident' },
    });
    // The same refusal whether or not the account exists: nothing to learn from it.
    expect(pull.status).toBe(403);
    expect(pull.json.error.code).toBe('consent_required');
    expect(probe.status).toBe(pull.status);
    expect(probe.json).toEqual(pull.json);
    expect(await memberships()).toBe(before);
    // In the operator's language, and about invitations (the code's shared words are about a
    // plugin's permissions).
    const inChinese = await t.call('POST', '/api/v1/communities/cuiyuan/members', {
      as: op.token,
      body: { username: 'wang-jiangbei', role: 'resident' },
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(inChinese.json.error.message).toContain('邀请码');

    const code = await t.call('POST', '/api/v1/communities/cuiyuan/invitations', {
      as: op.token,
      body: { role: 'staff', pluginRoles: ['plugin:std.property-repair/repairStaff'] },
    });
    expect(code.json).toMatchObject({ role: 'staff', maxUses: 1 });
    const joined = await t.call('POST', '/api/v1/me/memberships', {
      as: elsewhere.token,
      body: { invitationCode: code.json.code },
    });
    expect(joined.status).toBe(201);
    expect(joined.json).toMatchObject({
      communityId: 'cuiyuan',
      role: 'staff',
      pluginRoles: ['plugin:std.property-repair/repairStaff'],
    });
    const me = await t.call('GET', '/api/v1/auth/me', { as: elsewhere.token });
    expect(me.json.memberships.map((m: { communityId: string }) => m.communityId)).toEqual([
      'cuiyuan',
      'jiangbei',
    ]);
    // One place: the code is used up, and nobody joins twice.
    const other = await sessionFor(t.services, { username: 'li-other' });
    const late = await t.call('POST', '/api/v1/me/memberships', {
      as: other.token,
      body: { invitationCode: code.json.code },
    });
    expect(late.status).toBe(400);
    const resident = await t.call('POST', '/api/v1/communities/cuiyuan/invitations', {
      as: op.token,
      body: {},
    });
    const twice = await t.call('POST', '/api/v1/me/memberships', {
      as: elsewhere.token,
      body: { invitationCode: resident.json.code },
    });
    expect(twice.status).toBe(409);
    expect(twice.json.error.code).toBe('already_member');
  });
});

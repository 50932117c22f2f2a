// Plugin-role grants given to a member name a plugin installed in the community and a role its
// manifest declares; anything else is a 400 naming the grant, and changes nothing.
import { standardPluginEntries } from '@scene/plugins';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ACTOR, publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';

const db = useTestDatabase('plugin-roles');
const C = 'c-grants';
const repair = standardPluginEntries.find((e) => e.dir === 'property-repair')!.manifest;
const STAFF = `plugin:${repair.id}/repairStaff`;
let t: TestServer;
let op: { token: string; accountId: string };
let worker: { token: string; accountId: string };
const members = `/api/v1/communities/${C}/members`;

beforeAll(async () => {
  t = await startTestServer(db.connection());
  await publishApproved(t.services, repair);
  // A new community gets the standard plugins, repair among them.
  await t.services.communities.create(
    { id: C, name: '授权社区', city: '杭州', district: '西湖区', type: 'new-build' },
    ADMIN_ACTOR,
  );
  op = await sessionFor(t.services, { username: 'grants-op' });
  await t.services.members.ensure(C, op.accountId, 'operator');
  worker = await sessionFor(t.services, { username: 'grants-worker' });
  // A grant of a plugin that is not installed (any more), held from before.
  await t.services.members.ensure(C, worker.accountId, 'staff', ['plugin:acme.gone/helper']);
}, 120_000);
afterAll(() => t.close());

const grantsOf = async (accountId: string) =>
  (await t.services.models.Membership.findOne({ communityId: C, accountId }).lean())!.pluginRoles;

describe("a member's plugin roles", () => {
  it('grants a role an installed plugin declares, and keeps a grant the member held before', async () => {
    const res = await t.call('PATCH', `${members}/${worker.accountId}`, {
      as: op.token,
      body: { pluginRoles: ['plugin:acme.gone/helper', STAFF] },
    });
    expect(res.status).toBe(200);
    expect(res.json.pluginRoles).toEqual(['plugin:acme.gone/helper', STAFF]);
  });

  it('refuses a role the plugin does not declare, a plugin not installed, and anything else', async () => {
    const before = await grantsOf(worker.accountId);
    const refused = [
      [`plugin:${repair.id}/owner`, 'unknown_plugin_role'],
      ['plugin:acme.ghost/helper', 'unknown_plugin_role'],
      ['operator', 'validation_failed'],
      [`plugin:${repair.id}/toString`, 'unknown_plugin_role'],
    ] as const;
    for (const [grant, code] of refused) {
      const res = await t.call('PATCH', `${members}/${worker.accountId}`, {
        as: op.token,
        body: { pluginRoles: [STAFF, grant] },
      });
      expect(res.status, grant).toBe(400);
      expect(res.json.error.code).toBe(code);
      if (code === 'unknown_plugin_role')
        expect(res.json.error.details).toEqual({ pluginRole: grant });
    }
    // More grants than any member needs.
    const many = Array.from({ length: 51 }, (_, i) => `plugin:${repair.id}/role${i}`);
    const tooMany = await t.call('PATCH', `${members}/${worker.accountId}`, {
      as: op.token,
      body: { pluginRoles: many },
    });
    expect(tooMany.status).toBe(400);
    expect(await grantsOf(worker.accountId)).toEqual(before);
  });

  it('refuses an unknown role when an operator creates a staff account, creating nothing', async () => {
    const input = {
      username: 'grants-new',
      role: 'staff',
      displayName: '王师傅',
      password: 'Copper-kettle-31',
    };
    const bad = await t.call('POST', members, {
      as: op.token,
      body: { ...input, pluginRoles: [`plugin:${repair.id}/boss`] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details).toEqual({ pluginRole: `plugin:${repair.id}/boss` });
    expect(await t.services.auth.findByUsername('grants-new')).toBeNull();
    const good = await t.call('POST', members, {
      as: op.token,
      body: { ...input, pluginRoles: [STAFF] },
    });
    expect(good.status).toBe(201);
  });
});

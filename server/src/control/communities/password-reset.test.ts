// 忘记密码: the community's operator gives a member a new password — only for an account that is
// this community's alone — and the old sessions end; everything else is refused, changing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, TEST_PASSWORD, type TestServer } from '../../testing/server';

const db = useTestDatabase('password-reset');
let t: TestServer;
let op: string;
const NEW_PASSWORD = 'Lantern-Orchard-1958';
const community = (id: string) => ({
  id,
  name: id,
  city: '杭州',
  district: '西湖区',
  type: 'renovation',
  enabledScenes: ['service'],
});
const login = (username: string, password: string) =>
  t.call('POST', '/api/v1/auth/login', { body: { username, password } });
const reset = (accountId: string, password = NEW_PASSWORD, as = op, c = 'cuiyuan') =>
  t.call('POST', `/api/v1/communities/${c}/members/${accountId}/password`, {
    as,
    body: { password },
  });

beforeAll(async () => {
  t = await startTestServer(db.connection());
  const admin = await sessionFor(t.services, { username: 'root', platformRoles: ['admin'] });
  for (const id of ['cuiyuan', 'jiangbei'])
    expect(
      (await t.call('POST', '/api/v1/communities', { as: admin.token, body: community(id) }))
        .status,
    ).toBe(201);
  const o = await sessionFor(t.services, { username: 'op-reset' });
  await t.services.members.ensure('cuiyuan', o.accountId, 'operator');
  op = o.token;
});
afterAll(() => t.close());

describe('an operator resets a member’s password', () => {
  it('sets it, ends the old sessions, and audits it', async () => {
    const res = await sessionFor(t.services, { username: 'forgetful' });
    await t.services.members.ensure('cuiyuan', res.accountId, 'resident');
    expect((await t.call('GET', '/api/v1/auth/me', { as: res.token })).status).toBe(200);

    expect((await reset(res.accountId)).status).toBe(204);
    expect((await t.call('GET', '/api/v1/auth/me', { as: res.token })).status).toBe(401);
    expect((await login('forgetful', TEST_PASSWORD)).status).toBe(401);
    expect((await login('forgetful', NEW_PASSWORD)).status).toBe(200);
    const log = await t.call(
      'GET',
      '/api/v1/communities/cuiyuan/audit?action=membership.password-reset',
      {
        as: op,
      },
    );
    expect(log.status).toBe(200);
    expect(log.json.items).toEqual([
      expect.objectContaining({ target: { type: 'account', id: res.accountId } }),
    ]);
    expect(JSON.stringify(log.json)).not.toContain(NEW_PASSWORD);
  });

  it('refuses accounts that are not this community’s alone, weak passwords and other roles', async () => {
    const both = await sessionFor(t.services, { username: 'two-homes' });
    await t.services.members.ensure('cuiyuan', both.accountId, 'resident');
    await t.services.members.ensure('jiangbei', both.accountId, 'resident');
    const peer = await sessionFor(t.services, { username: 'op-peer' });
    await t.services.members.ensure('cuiyuan', peer.accountId, 'operator');
    const away = await sessionFor(t.services, { username: 'only-jiangbei' });
    await t.services.members.ensure('jiangbei', away.accountId, 'resident');
    const staff = await sessionFor(t.services, { username: 'staff-reset' });
    await t.services.members.ensure('cuiyuan', staff.accountId, 'staff');
    const target = await sessionFor(t.services, { username: 'target-reset' });
    await t.services.members.ensure('cuiyuan', target.accountId, 'resident');

    for (const id of [both.accountId, peer.accountId]) {
      const r = await reset(id);
      expect(r.status).toBe(403);
      expect(r.json.error.code).toBe('reset_not_here');
    }
    // Another community's member is no member here; a member of another community is not this
    // operator's to reset there.
    expect((await reset(away.accountId)).status).toBe(404);
    expect((await reset(away.accountId, NEW_PASSWORD, op, 'jiangbei')).status).toBe(403);
    // Staff are not operators; a weak password is refused.
    expect((await reset(target.accountId, NEW_PASSWORD, staff.token)).status).toBe(403);
    const weak = await reset(target.accountId, 'password');
    expect(weak.status).toBe(400);
    expect(weak.json.error.code).toBe('weak_password');
    // Nothing changed: each still signs in with the old password.
    for (const u of ['two-homes', 'op-peer', 'only-jiangbei', 'target-reset'])
      expect((await login(u, TEST_PASSWORD)).status).toBe(200);
    // Staff of this community alone may be reset (the operator manages them).
    expect((await reset(staff.accountId)).status).toBe(204);
  });
});

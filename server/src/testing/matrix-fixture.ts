import { manifest, publishApproved } from './control-plane';
import { sessionFor, type TestServer } from './server';

export type Role = 'admin' | 'operator' | 'staff' | 'vendor' | 'resident' | 'anonymous';
export const ROLES: Role[] = ['admin', 'operator', 'staff', 'vendor', 'resident', 'anonymous'];

/**
 * Two communities (`own`, `other`), a plugin installed in both with a published portal, and a
 * session for every role: operator, staff and resident belong to `own` only.
 */
export async function matrixWorld(t: TestServer): Promise<Record<Role, string | undefined>> {
  const admin = await sessionFor(t.services, { username: 'm-admin', platformRoles: ['admin'] });
  const vendor = await sessionFor(t.services, {
    username: 'm-vendor',
    platformRoles: ['vendor'],
    vendorId: 'acme',
  });
  const m = manifest('acme.repairs');
  await publishApproved(t.services, m);
  for (const id of ['own-c', 'other-c']) {
    await t.call('POST', '/api/v1/communities', {
      as: admin.token,
      body: { id, name: id, city: '杭州', district: '西湖区', type: 'renovation' },
    });
    await t.call('POST', `/api/v1/communities/${id}/installations`, {
      as: admin.token,
      body: { pluginId: m.id, acceptPermissions: m.permissions.map((p) => p.scope) },
    });
    await t.call('POST', `/api/v1/communities/${id}/portal/publish`, { as: admin.token, body: {} });
  }
  const roles: Record<Role, string | undefined> = {
    admin: admin.token,
    vendor: vendor.token,
    anonymous: undefined,
  } as never;
  for (const role of ['operator', 'staff', 'resident'] as const) {
    const s = await sessionFor(t.services, { username: `m-${role}` });
    await t.services.members.ensure('own-c', s.accountId, role);
    roles[role] = s.token;
  }
  return roles;
}

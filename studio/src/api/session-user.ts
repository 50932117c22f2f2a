import type { Me } from '@scene/client';

export type StudioRole = 'admin' | 'operator' | 'staff' | 'vendor' | 'resident';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  /** Platform-wide roles (admin, vendor) plus the union of community roles. */
  roles: StudioRole[];
  memberships: Me['memberships'];
}

/** The signed-in account as the studio decides with it: every role it holds, anywhere. */
export function sessionUserOf(me: Me): SessionUser {
  const roles = new Set<StudioRole>(me.account.platformRoles);
  for (const m of me.memberships) roles.add(m.role);
  return {
    id: me.account.id,
    username: me.account.username,
    displayName: me.account.displayName,
    roles: [...roles],
    memberships: me.memberships,
  };
}

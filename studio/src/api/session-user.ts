import type { Me } from '@scene/client';

/** `supervisor`: scoped to a region node, reads its figures only (no community membership needed). */
export type StudioRole = 'admin' | 'operator' | 'staff' | 'vendor' | 'resident' | 'supervisor';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  /** Platform-wide roles (admin, vendor) plus the union of community roles. */
  roles: StudioRole[];
  memberships: Me['memberships'];
  /** The region node a supervisor reads, else null. */
  supervises: string | null;
}

/** The signed-in account as the studio decides with it: every role it holds, anywhere. */
export function sessionUserOf(me: Me): SessionUser {
  const roles = new Set<StudioRole>(me.account.platformRoles);
  for (const m of me.memberships) roles.add(m.role);
  if (me.supervises) roles.add('supervisor');
  return {
    id: me.account.id,
    username: me.account.username,
    displayName: me.account.displayName,
    roles: [...roles],
    memberships: me.memberships,
    supervises: me.supervises ?? null,
  };
}

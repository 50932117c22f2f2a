import type { Actor } from '../../control/auth/actor';

/** Reports are frozen by the platform itself: it reads every community as an admin would. */
export const SYSTEM: Actor = {
  accountId: 'system',
  username: 'system',
  displayName: 'system',
  platformRoles: ['admin'],
};

import type { StudioArea } from '../shell/area';
import { communityPath } from '../shell/area';

export const platformArea: StudioArea = {
  id: 'platform',
  labelKey: 'nav.platform',
  roles: ['admin'],
  scope: 'platform',
  routeName: 'platform-communities',
  order: 60,
  routes: [
    {
      path: 'platform/communities',
      name: 'platform-communities',
      component: () => import('./CommunitiesView.vue'),
    },
    {
      path: 'platform/accounts',
      name: 'platform-accounts',
      component: () => import('./AccountsView.vue'),
    },
    { path: 'platform/audit', name: 'platform-audit', component: () => import('./AuditView.vue') },
  ],
};

/** A community's own audit log, for its operators (and admins in the community). */
export const communityAuditArea: StudioArea = {
  id: 'audit',
  labelKey: 'platform.audit',
  roles: ['operator', 'admin'],
  scope: 'community',
  routeName: 'community-audit',
  order: 22,
  routes: [
    {
      path: communityPath('audit'),
      name: 'community-audit',
      component: () => import('./CommunityAuditView.vue'),
      props: true,
    },
  ],
};

import type { StudioArea } from '../shell/area';

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

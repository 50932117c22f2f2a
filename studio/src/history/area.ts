import type { StudioArea } from '../shell/area';
import { communityPath } from '../shell/area';

export const historyArea: StudioArea = {
  id: 'history',
  labelKey: 'nav.history',
  roles: ['operator', 'admin'],
  scope: 'community',
  routeName: 'history',
  order: 20,
  routes: [
    {
      path: communityPath('history'),
      name: 'history',
      component: () => import('./HistoryView.vue'),
    },
  ],
};

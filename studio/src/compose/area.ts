import type { StudioArea } from '../shell/area';
import { communityPath } from '../shell/area';

export const composeArea: StudioArea = {
  id: 'compose',
  labelKey: 'nav.compose',
  roles: ['operator', 'admin'],
  scope: 'community',
  routeName: 'compose',
  order: 10,
  routes: [
    {
      path: communityPath('compose'),
      name: 'compose',
      component: () => import('./ComposeView.vue'),
    },
  ],
};

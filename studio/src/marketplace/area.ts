import type { StudioArea } from '../shell/area';
import { communityPath } from '../shell/area';

export const marketplaceArea: StudioArea = {
  id: 'marketplace',
  labelKey: 'nav.marketplace',
  roles: ['operator', 'admin'],
  scope: 'community',
  routeName: 'marketplace',
  order: 30,
  routes: [
    {
      path: communityPath('marketplace'),
      name: 'marketplace',
      component: () => import('./MarketplaceView.vue'),
      props: true,
    },
    {
      path: communityPath('marketplace/:pluginId'),
      name: 'marketplace-plugin',
      component: () => import('./PluginPage.vue'),
      props: true,
    },
  ],
};

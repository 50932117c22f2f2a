import type { StudioArea } from '../shell/area';

export const reviewArea: StudioArea = {
  id: 'review',
  labelKey: 'nav.review',
  roles: ['admin'],
  scope: 'platform',
  routeName: 'review',
  order: 50,
  routes: [
    { path: 'review', name: 'review', component: () => import('./ReviewQueueView.vue') },
    {
      path: 'review/:pluginId/:version',
      name: 'review-version',
      component: () => import('./ReviewVersionView.vue'),
      props: true,
    },
  ],
};

import type { StudioArea } from '../shell/area';
import { communityPath } from '../shell/area';

/** Residents' attributes and family links, for the community's operators. */
export const peopleArea: StudioArea = {
  id: 'people',
  labelKey: 'people.nav.people',
  roles: ['operator', 'admin'],
  scope: 'community',
  routeName: 'people',
  order: 34,
  routes: [
    {
      path: communityPath('people'),
      name: 'people',
      component: () => import('./MembersView.vue'),
      props: true,
    },
  ],
};

/** Where notices go besides the inbox (the signed webhook) and what happened to each delivery. */
export const notificationsArea: StudioArea = {
  id: 'notifications',
  labelKey: 'people.nav.notifications',
  roles: ['operator', 'admin'],
  scope: 'community',
  routeName: 'notifications',
  order: 36,
  routes: [
    {
      path: communityPath('notifications'),
      name: 'notifications',
      component: () => import('./NotificationsView.vue'),
      props: true,
    },
  ],
};

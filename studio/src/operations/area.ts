import type { StudioArea } from '../shell/area';
import { communityPath } from '../shell/area';

/**
 * Operations for admins and region supervisors: the overview (where admins land), a region's
 * dashboard and, read-only, a community's. Every screen loads lazily with its charts.
 */
export const operationsArea: StudioArea = {
  id: 'operations',
  labelKey: 'operations.nav.overview',
  roles: ['admin', 'supervisor'],
  scope: 'platform',
  routeName: 'operations',
  order: 5,
  routes: [
    { path: 'operations', name: 'operations', component: () => import('./OverviewView.vue') },
    {
      path: 'operations/evaluation',
      name: 'operations-evaluation',
      component: () => import('./WeightsView.vue'),
    },
    {
      path: 'operations/regions/:regionId',
      name: 'operations-region',
      component: () => import('./RegionDashboardView.vue'),
      props: true,
    },
    {
      path: 'operations/communities/:communityId',
      name: 'operations-community',
      component: () => import('./CommunityDashboardView.vue'),
      props: true,
    },
    {
      path: 'operations/communities/:communityId/build',
      name: 'operations-build',
      component: () => import('./BuildView.vue'),
      props: true,
    },
    {
      path: 'operations/regions/:regionId/reports',
      name: 'operations-region-reports',
      component: () => import('./ReportsView.vue'),
      props: (r) => ({ kind: 'region', subjectId: r.params.regionId }),
    },
    {
      path: 'operations/communities/:communityId/reports',
      name: 'operations-community-reports',
      component: () => import('./ReportsView.vue'),
      props: (r) => ({ kind: 'community', subjectId: r.params.communityId }),
    },
    {
      path: 'operations/regions/:regionId/build',
      name: 'operations-region-build',
      component: () => import('./RegionBuildView.vue'),
      props: true,
    },
  ],
};

/** The community's own dashboard, for its operators (after compose: operators land there). */
export const dashboardArea: StudioArea = {
  id: 'dashboard',
  labelKey: 'operations.nav.dashboard',
  roles: ['operator', 'admin'],
  scope: 'community',
  routeName: 'dashboard',
  order: 15,
  routes: [
    {
      path: communityPath('dashboard'),
      name: 'dashboard',
      component: () => import('./CommunityDashboardView.vue'),
      props: true,
    },
    {
      path: communityPath('build'),
      name: 'build',
      component: () => import('./BuildView.vue'),
      props: true,
    },
    {
      path: communityPath('reports'),
      name: 'reports',
      component: () => import('./ReportsView.vue'),
      props: (r) => ({ kind: 'community', subjectId: r.params.communityId }),
    },
    {
      path: communityPath('audit'),
      name: 'community-audit',
      component: () => import('../platform/CommunityAuditView.vue'),
      props: true,
    },
  ],
};

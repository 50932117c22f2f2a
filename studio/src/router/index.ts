import {
  createRouter,
  createWebHistory,
  isNavigationFailure,
  NavigationFailureType,
  type RouteLocationNormalized,
  type RouteLocationRaw,
  type RouteRecordRaw,
  type Router,
  type RouterHistory,
} from 'vue-router';
import type { Pinia } from 'pinia';
import { startLoad } from '@scene/forms/busy';
import { useAuthStore } from '../stores/auth';
import type { StudioArea } from '../shell/area';

/** Builds the router from the registered areas; the history is injectable for tests. */
export function createStudioRouter(
  areas: readonly StudioArea[],
  pinia: Pinia,
  history: RouterHistory = createWebHistory(import.meta.env.BASE_URL),
): Router {
  const areaRoutes: RouteRecordRaw[] = areas.flatMap((area) =>
    area.routes.map(
      (r) =>
        ({
          ...r,
          meta: { ...r.meta, area: area.id, roles: area.roles, scope: area.scope },
        }) as RouteRecordRaw,
    ),
  );
  const router = createRouter({
    history,
    routes: [
      {
        path: '/login',
        name: 'login',
        component: () => import('../views/LoginView.vue'),
        meta: { public: true, bare: true },
      },
      {
        path: '/no-access',
        name: 'no-access',
        component: () => import('../views/NoAccessView.vue'),
        meta: { bare: true },
      },
      {
        path: '/',
        component: () => import('../shell/StudioLayout.vue'),
        children: [
          { path: '', name: 'home', component: () => import('../views/WelcomeView.vue') },
          ...areaRoutes,
          {
            path: ':rest(.*)*',
            name: 'not-found',
            component: () => import('../views/NotFoundView.vue'),
          },
        ],
      },
    ],
  });
  countNavigations(router);
  router.beforeEach((to) => guard(to, areas, pinia));
  return router;
}

/**
 * A navigation counts as a load in flight (`@scene/forms/busy`) from its first guard until it has
 * ended, its screen's code loaded, so the studio reads busy meanwhile. One count covers a
 * navigation and the redirects its guards make; one cancelled by a newer navigation leaves the
 * count to that one.
 */
function countNavigations(router: Router): void {
  let navigating: (() => void) | null = null;
  const ended = () => {
    navigating?.();
    navigating = null;
  };
  router.beforeEach(() => {
    navigating ??= startLoad();
  });
  router.afterEach((_to, _from, failure) => {
    if (!isNavigationFailure(failure, NavigationFailureType.cancelled)) ended();
  });
  router.onError(ended);
}

/** Where a route may go given the session; exported for tests. */
export async function guard(
  to: RouteLocationNormalized,
  areas: readonly StudioArea[],
  pinia: Pinia,
): Promise<true | RouteLocationRaw> {
  const auth = useAuthStore(pinia);
  if (auth.status === 'unknown') {
    try {
      await auth.restore();
    } catch {
      // An unreachable server is shown on the login page rather than as a blank screen.
      auth.status = 'anonymous';
    }
  }
  if (to.meta.public) {
    return auth.status === 'signed-in' && to.name === 'login' ? { name: 'home' } : true;
  }
  if (auth.status !== 'signed-in') {
    return { name: 'login', query: to.fullPath === '/' ? {} : { next: to.fullPath } };
  }
  if (!auth.hasStudioAccess) return to.name === 'no-access' ? true : { name: 'no-access' };

  if (to.meta.scope === 'community') {
    const id = String(to.params.communityId ?? '');
    if (!auth.communities.some((c) => c.id === id)) return { name: 'home' };
    if (auth.currentCommunityId !== id) auth.selectCommunity(id);
  }
  if (to.meta.roles && !auth.can(to.meta.roles)) {
    return { name: 'home', query: { denied: String(to.meta.area ?? '') } };
  }
  if (to.name === 'home' && !to.query.denied) return firstArea(areas, auth) ?? true;
  return true;
}

/** The first area the user may open, so signing in lands on real work. */
function firstArea(
  areas: readonly StudioArea[],
  auth: ReturnType<typeof useAuthStore>,
): RouteLocationRaw | null {
  for (const area of areas) {
    if (!auth.can(area.roles)) continue;
    if (area.scope === 'platform') return { name: area.routeName };
    if (auth.currentCommunityId) {
      return { name: area.routeName, params: { communityId: auth.currentCommunityId } };
    }
  }
  return null;
}

import type { ShellBundle } from './state/bundle-cache';
import type { Tab } from '@scene/schema';
import type { RouteComponent, RouteLocation, RouteRecord } from './router';
import type { NavigateTarget } from '@scene/renderer';

/** Paths of the shell's own pages, below `/c/:communityId/`. */
export const SHELL_PAGES = {
  me: 'me',
  login: 'me/login',
  register: 'me/register',
  inbox: 'me/inbox',
  points: 'me/points',
  work: 'me/work',
  family: 'me/family',
  notifications: 'me/notifications',
  close: 'me/close',
} as const;

export const viewRouteName = (pluginId: string, viewId: string) => `view:${pluginId}/${viewId}`;
export const pageRouteName = (pageId: string) => `page:${pageId}`;

/** The portal's own "me" tab (icon `user`), where the shell puts the account corner. */
export function meTab(bundle: ShellBundle): Tab | undefined {
  return bundle.portal.tabs.find((t) => t.icon === 'user' || t.page === 'me');
}

/** The page a tab opens: the first tab's page is the home page (`/c/:id/`). */
export function pagePath(bundle: ShellBundle, pageId: string): string {
  return bundle.portal.tabs[0]?.page === pageId ? '' : `p/${pageId}`;
}

/**
 * Routes from the published bundle: the shell's pages, one per portal page, and one per
 * plugin page view at the route the plugin declares.
 */
export function buildRoutes(
  bundle: ShellBundle,
  components: {
    portalPage: RouteComponent;
    pluginPage: RouteComponent;
    shell: Record<keyof typeof SHELL_PAGES, RouteComponent>;
    notFound: RouteComponent;
  },
): RouteRecord[] {
  const base = '/c/:communityId/';
  const routes: RouteRecord[] = [];
  const portalMe = meTab(bundle);
  for (const [name, path] of Object.entries(SHELL_PAGES) as [keyof typeof SHELL_PAGES, string][]) {
    if (name === 'me' && portalMe) {
      // The portal has its own "me" page: the shell's account corner lives there.
      routes.push({
        name,
        path: base + path,
        redirect: (to) => `/c/${to.params.communityId}/${pagePath(bundle, portalMe.page)}`,
      });
    } else {
      routes.push({ name, path: base + path, component: components.shell[name] });
    }
  }
  const pages = bundle.portal?.pages ?? [];
  for (const page of pages) {
    routes.push({
      name: pageRouteName(page.id),
      path: base + pagePath(bundle, page.id),
      component: components.portalPage,
      props: { pageId: page.id },
    });
  }
  if (!pages.some((p) => pagePath(bundle, p.id) === '')) {
    routes.push({
      name: 'home',
      path: base,
      component: components.portalPage,
      props: { pageId: pages[0]?.id ?? '' },
    });
  }
  for (const plugin of bundle.plugins) {
    for (const view of plugin.manifest?.views ?? []) {
      if (view.slot !== 'page' || !view.route) continue;
      routes.push({
        name: viewRouteName(plugin.pluginId, view.id),
        path: base + view.route,
        component: components.pluginPage,
        props: (route) => ({
          pluginId: plugin.pluginId,
          viewId: view.id,
          recordId: typeof route.query.id === 'string' ? route.query.id : undefined,
        }),
      });
    }
  }
  routes.push({ name: 'not-found', path: '*', component: components.notFound });
  return routes;
}

/** Where a renderer navigation goes, as a router location. */
export function locationFor(target: NavigateTarget, communityId: string): RouteLocation {
  const params = { communityId };
  if ('shell' in target) return { name: target.shell, params };
  if ('page' in target) return { name: pageRouteName(target.page), params };
  return {
    name: viewRouteName(target.plugin, target.view),
    params,
    query: target.id ? { id: target.id } : {},
  };
}

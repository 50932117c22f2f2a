import { createApp, createSSRApp, ref, type App } from 'vue';
import AppShell from './App.vue';
import { pluginsOf, shellKey, type Connectivity, type Shell } from './context';
import type { PortalApi } from './api';
import type { ShellI18n } from './i18n';
import { buildRoutes } from './routes';
import { createRouter, type Router } from './router';
import type { ShellBundle } from './state/bundle-cache';
import type { Preferences } from './state/preferences';
import type { SessionStore } from './state/session';
import PortalPageView from './pages/PortalPageView.vue';

// Pages a first visit does not open load on demand: the first chunk carries only what draws
// the community's own pages. A plugin's own page is one of them: the server never draws it,
// and the first page links to it at most.
const PluginPageView = () => import('./pages/PluginPageView.vue');
const MePage = () => import('./pages/MePage.vue');
const LoginPage = () => import('./pages/LoginPage.vue');
const RegisterPage = () => import('./pages/RegisterPage.vue');
const NotFoundPage = () => import('./pages/NotFoundPage.vue');
const InboxPage = () => import('./pages/InboxPage.vue');
const PointsPage = () => import('./pages/PointsPage.vue');
const WorkPage = () => import('./pages/WorkPage.vue');
const FamilyPage = () => import('./pages/FamilyPage.vue');
const NotificationsPage = () => import('./pages/NotificationsPage.vue');
const CloseAccountPage = () => import('./pages/CloseAccountPage.vue');

/**
 * The router over the published bundle's pages. `at` is the request's path when the server
 * renders the page (no address bar there).
 */
export function portalRouter(bundle: ShellBundle, at?: string): Router {
  return createRouter(
    buildRoutes(bundle, {
      portalPage: PortalPageView,
      pluginPage: PluginPageView,
      notFound: NotFoundPage,
      shell: {
        me: MePage,
        login: LoginPage,
        register: RegisterPage,
        inbox: InboxPage,
        points: PointsPage,
        work: WorkPage,
        family: FamilyPage,
        notifications: NotificationsPage,
        close: CloseAccountPage,
      },
    }),
    at === undefined ? {} : { at },
  );
}

export interface ShellParts {
  communityId: string;
  api: PortalApi;
  bundle: ShellBundle;
  prefs: Preferences;
  session: SessionStore;
  net: Connectivity;
  /** Whether the page works yet (false on the server and while hydrating its page). */
  live: boolean;
}

/** The shell the pages inject: the community's bundle, the person, the device, the network. */
export function createShell(parts: ShellParts): Shell {
  // A plain object: its changing parts (prefs, net, session state) are reactive already.
  const { api, session, net, communityId } = parts;
  return {
    ...parts,
    live: ref(parts.live),
    plugins: pluginsOf(parts.bundle),
    async refreshUnread() {
      if (!session.state.user) return;
      net.unread = await api.inbox.unreadCount(communityId).catch(() => net.unread);
    },
  };
}

/**
 * The resident portal's app, the same on both sides: the server renders it to HTML
 * (`entry-server.ts`) and the browser either hydrates that HTML or, where the server drew
 * nothing, mounts it afresh (`boot.ts`).
 */
export function createPortalApp(
  shell: Shell,
  i18n: ShellI18n,
  router: Router,
  mode: 'ssr' | 'mount',
): App {
  const app = mode === 'ssr' ? createSSRApp(AppShell) : createApp(AppShell);
  app.provide(shellKey, shell);
  app.use(i18n).use(router);
  return app;
}

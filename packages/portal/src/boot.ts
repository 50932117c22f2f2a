import { HttpClient, type ApiError } from '@scene/client';
import { createApp, reactive, watch } from 'vue';
import '@scene/renderer/renderer.css';
import { portalApi } from './api';
import App from './App.vue';
import BootScreen from './BootScreen.vue';
import { communityIdFromPath } from './community';
import { pluginsOf, shellKey, type Connectivity, type Shell } from './context';
import { createShellI18n, loadLocale } from './i18n';
import { buildRoutes } from './routes';
import { createRouter } from './router';
import { loadBundle } from './state/bundle-cache';
import { createPreferences, elderModeByDefault } from './state/preferences';
import { createSession } from './state/session';
import { applyTheme } from './state/theme';
import './shell.css';
import PortalPageView from './pages/PortalPageView.vue';
import PluginPageView from './pages/PluginPageView.vue';

// Pages a first visit does not open load on demand: the first chunk carries only what draws
// the community's own pages.
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
 * Starts the resident portal at `/c/:communityId/…`: reads the published bundle (or the last
 * saved copy when offline) and the session, builds the routes from the portal and its
 * plugins, and mounts the app.
 */
export async function boot(el: string | Element): Promise<void> {
  const prefs = createPreferences();
  applyTheme(document.documentElement, undefined, prefs.elder);
  const i18n = createShellI18n(prefs.locale);
  const communityId = communityIdFromPath(globalThis.location.pathname);
  const showBoot = (reason: 'not-found' | 'failed' | 'no-portal') =>
    createApp(BootScreen, { reason, communityId }).use(i18n).mount(el);
  if (!communityId) return void showBoot('not-found');

  const net: Connectivity = reactive({ offline: !globalThis.navigator.onLine, unread: 0 });
  // Every request tells the banner whether the network is there.
  const watchedFetch: typeof fetch = async (input, init) => {
    try {
      const res = await fetch(input, init);
      net.offline = false;
      return res;
    } catch (err) {
      if ((err as Error)?.name !== 'AbortError') net.offline = true;
      throw err;
    }
  };
  globalThis.addEventListener('offline', () => (net.offline = true));
  globalThis.addEventListener('online', () => (net.offline = false));

  const http = new HttpClient({
    baseUrl: '',
    fetch: watchedFetch,
    headers: { 'accept-language': prefs.locale },
  });
  const api = portalApi(http, communityId);
  const session = createSession(api);
  watch(
    () => session.state.user?.attributes,
    (attributes) => elderModeByDefault(prefs, attributes),
  );
  const [loaded] = await Promise.all([
    loadBundle(api.runtime, communityId).catch((err: unknown) => err as ApiError),
    session.refresh().catch(() => undefined),
    // English words load with the bundle, not after it; without them the shell says Chinese.
    loadLocale(i18n, prefs.locale).catch(() => undefined),
  ]);
  if (loaded instanceof Error) return void showBoot(loaded.status === 404 ? 'no-portal' : 'failed');
  if (!loaded.bundle.portal?.pages?.length) return void showBoot('no-portal');
  if (loaded.fromCache) net.staleSince = loaded.savedAt;

  // A plain object: its changing parts (prefs, net, session state) are reactive already.
  const shell: Shell = {
    communityId,
    api,
    bundle: loaded.bundle,
    plugins: pluginsOf(loaded.bundle),
    prefs,
    session,
    net,
    async refreshUnread() {
      if (!session.state.user) return;
      net.unread = await api.inbox.unreadCount(communityId).catch(() => net.unread);
    },
  };

  const router = createRouter(
    buildRoutes(loaded.bundle, {
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
  );
  const app = createApp(App);
  app.provide(shellKey, shell);
  app.use(i18n).use(router);
  await router.isReady().catch(() => undefined);
  app.mount(el);
  void shell.refreshUnread();
}

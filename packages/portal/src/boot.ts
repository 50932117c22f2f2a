import { HttpClient, type ApiError } from '@scene/client';
import { trackLoad } from '@scene/forms/busy';
import { loadCommonPrimitives, loadIcons } from '@scene/renderer';
import { createApp, reactive, watch } from 'vue';
import '@scene/renderer/renderer.css';
import { portalApi, type PortalApi } from './api';
import BootScreen from './BootScreen.vue';
import { communityIdFromPath } from './community';
import type { Connectivity } from './context';
import { createPortalApp, createShell, portalRouter } from './create-app';
import { createShellI18n, loadLocale } from './i18n';
import { readServerState, type ServerState } from './server-state';
import { loadBundle, saveBundle, shellBundle, type LoadedBundle } from './state/bundle-cache';
import {
  createPreferences,
  devicePreferences,
  elderModeByDefault,
  type Preferences,
} from './state/preferences';
import { createSession } from './state/session';
import { applyTheme } from './state/theme';
import './shell.css';

/**
 * Starts the resident portal at `/c/:communityId/…`. When the server drew the page, the app
 * hydrates it from the state the server wrote beside it (the same bundle, language and mode,
 * and the member it drew for), then moves to this device's language and mode; only a page drawn
 * for a visitor asks afterwards who is signed in. Otherwise it reads the published bundle (or
 * the last saved copy when offline) and the session, and mounts.
 */
export async function boot(el: string | Element): Promise<void> {
  const server = readServerState(document);
  const prefs = createPreferences(server?.prefs);
  applyTheme(document.documentElement, undefined, prefs.elder);
  const i18n = createShellI18n(prefs.locale);
  const communityId = communityIdFromPath(globalThis.location.pathname);
  const showBoot = (reason: 'not-found' | 'failed' | 'no-portal') =>
    createApp(BootScreen, { reason, communityId }).use(i18n).mount(el);
  if (!communityId) return void showBoot('not-found');

  // Hydration must see what the server saw: online, nothing unread yet.
  const net: Connectivity = reactive({
    offline: server ? false : !globalThis.navigator.onLine,
    unread: server?.viewer?.unread ?? 0,
  });
  // Every request names the language on screen (the server words its errors in it); the client
  // reads this object on each request.
  const headers = { 'accept-language': prefs.locale };
  watch(
    () => prefs.locale,
    (l) => (headers['accept-language'] = l),
  );
  const api = portalApi(
    // Each request counts as a load in flight until its answer is read: the page says it is busy
    // while its data is on the way.
    new HttpClient({ baseUrl: '', fetch: watched(net), headers, track: trackLoad }),
    communityId,
  );
  const session = createSession(api);
  // Before the watch below: the member the server drew for is how hydration starts, not a change.
  const viewer = server?.viewer;
  if (viewer) session.adopt(viewer.me, viewer.here);
  watch(
    () => session.state.user?.attributes,
    (attributes) => elderModeByDefault(prefs, attributes),
  );
  // English words and icons load with the bundle, not after it: without the words the shell
  // says Chinese, and a page the server drew has its icons drawn, which hydration must match.
  const words = loadLocale(i18n, prefs.locale).catch(() => undefined);
  const icons = server ? loadIcons().catch(() => undefined) : undefined;
  // The primitives most pages show load beside the bundle, not in the first download (nothing
  // waits for them: a page that shows one hydrates that part when it has come); a page drawn
  // later, also without network, finds them.
  void loadCommonPrimitives().catch(() => undefined);
  // The server's page is hydrated when its plugins' projections arrive; without network the
  // app draws afresh from the saved copy, as on a visit the server did not draw.
  const hydrating =
    server && (await hydrationBundle(api, communityId, server).catch(() => undefined));
  if (server && !hydrating) adoptDevice(prefs, net);
  const [loaded] = await Promise.all([
    hydrating || loadBundle(api.runtime, communityId).catch((err: unknown) => err as ApiError),
    // Signed-in parts of a hydrated page wait until after it: the server drew it for anyone.
    hydrating ? undefined : session.refresh().catch(() => undefined),
    words,
    icons,
  ]);
  if (loaded instanceof Error) return void showBoot(loaded.status === 404 ? 'no-portal' : 'failed');
  if (!loaded.bundle.portal?.pages?.length) return void showBoot('no-portal');
  if (loaded.fromCache) net.staleSince = loaded.savedAt;

  const shell = createShell({
    communityId,
    api,
    bundle: loaded.bundle,
    prefs,
    session,
    net,
    live: !hydrating,
  });
  const router = portalRouter(loaded.bundle);
  const app = createPortalApp(shell, i18n, router, hydrating ? 'ssr' : 'mount');
  await router.isReady().catch(() => undefined);
  app.mount(el);
  if (hydrating) {
    shell.live.value = true;
    adoptDevice(prefs, net);
    // Drawn for a member: the server said who they are and what is unread; nothing to ask.
    if (viewer) return void elderModeByDefault(prefs, session.state.user?.attributes);
    await session.refresh().catch(() => undefined);
  }
  void shell.refreshUnread();
}

/** The bundle the server drew with; its plugins' projections were preloaded with the page. */
async function hydrationBundle(
  api: PortalApi,
  communityId: string,
  server: ServerState,
): Promise<LoadedBundle> {
  const bundle = await shellBundle(api.runtime, server.runtime);
  saveBundle(communityId, server.etag, bundle);
  return { bundle, fromCache: false };
}

/** From what the server drew in to this device's language and mode, and its network. */
function adoptDevice(prefs: Preferences, net: Connectivity): void {
  Object.assign(prefs, devicePreferences());
  net.offline = !globalThis.navigator.onLine;
}

/** fetch that tells the banner whether the network is there. */
function watched(net: Connectivity): typeof fetch {
  globalThis.addEventListener('offline', () => (net.offline = true));
  globalThis.addEventListener('online', () => (net.offline = false));
  return async (input, init) => {
    try {
      const res = await fetch(input, init);
      // An answer proves the network, unless the browser has since said it is gone: a request
      // sent just before the network dropped can still be answered after the 'offline' event.
      net.offline = !globalThis.navigator.onLine;
      return res;
    } catch (err) {
      if ((err as Error)?.name !== 'AbortError') net.offline = true;
      throw err;
    }
  };
}

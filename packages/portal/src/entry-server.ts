import { HttpClient } from '@scene/client';
import type { RuntimeBundle } from '@scene/client/runtime';
import type { ClientManifest } from '@scene/schema';
import { loadIcons, textOf } from '@scene/renderer';
import { reactive } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { portalApi } from './api';
import { createPortalApp, createShell, portalRouter } from './create-app';
import { createShellI18n, loadLocale } from './i18n';
import { isElder } from '@scene/schema';
import type { ServerState, Viewer } from './server-state';
import { toShellBundle } from './state/bundle-cache';
import { preferencesFromCookie } from './state/preferences';
import { createSession } from './state/session';
import { themeVariables } from './state/theme';

export interface RenderRequest {
  /** The request's path and query (`/c/cuiyuan/`). */
  url: string;
  /** The community's runtime bundle as the runtime route sends it, and its ETag. */
  runtime: RuntimeBundle;
  etag: string;
  /** The client projections of the plugins it places, by plugin id. */
  manifests: Record<string, ClientManifest>;
  /** The `scene.prefs` cookie, when the browser sent one. */
  prefsCookie?: string;
  /** The signed-in member the page is for (the server checked their session and membership). */
  viewer?: Viewer;
}

export interface RenderedPage {
  /** The app's markup, for inside `<div id="app">`. */
  html: string;
  /** For the document's `<title>`. */
  title: string;
  lang: string;
  /** Classes and CSS variables for `<html>` (the theme and elder mode, as the browser sets them). */
  rootClass: string;
  rootStyle: Record<string, string>;
  /** What the browser hydrates with, for a non-executed JSON element. */
  state: ServerState;
}

const offline: typeof fetch = () =>
  Promise.reject(new Error('no network while rendering on the server'));

/**
 * Renders a page of the community's portal in the language and mode the browser's cookie names:
 * as an anonymous visitor sees it, or — given `viewer` — as that member sees it (the same
 * session state the browser would hold, so the renderer's own role and visibility rules decide
 * what shows; their unread count; elder mode when the operator recorded them as elderly and the
 * device has not said otherwise). A shell page (login, me, inbox), a plugin page, and a page for
 * members only drawn for a visitor answer undefined: the browser draws those.
 */
export async function render(req: RenderRequest): Promise<RenderedPage | undefined> {
  const bundle = toShellBundle(req.runtime, req.manifests);
  if (!bundle.portal?.pages?.length) return undefined;
  const router = portalRouter(bundle, req.url);
  await router.isReady();
  const props = router.view?.record.props;
  const pageId = typeof props === 'object' ? props.pageId : undefined;
  const page = bundle.portal.pages.find((p) => p.id === pageId);
  const viewer = req.viewer;
  if (!page || (!page.public && !viewer)) return undefined;

  const prefs = reactive(preferencesFromCookie(req.prefsCookie));
  // As the browser does (elderModeByDefault): without a choice from this device, a member
  // recorded as elderly sees elder mode.
  if (viewer && !req.prefsCookie && isElder(viewer.here?.attributes)) prefs.elder = true;
  const i18n = createShellI18n(prefs.locale);
  await Promise.all([loadLocale(i18n, prefs.locale), loadIcons()]);
  const communityId = bundle.community.id;
  const api = portalApi(new HttpClient({ baseUrl: '', fetch: offline }), communityId);
  const session = createSession(api);
  if (viewer) session.adopt(viewer.me, viewer.here);
  const shell = createShell({
    communityId,
    api,
    bundle,
    prefs,
    session,
    net: reactive({ offline: false, unread: viewer?.unread ?? 0 }),
    live: false,
  });
  const html = await renderToString(createPortalApp(shell, i18n, router, 'ssr'));
  const community = textOf(bundle.community.name, prefs.locale);
  return {
    html,
    title: [textOf(page.title, prefs.locale), community].filter(Boolean).join(' · '),
    lang: prefs.locale,
    rootClass: prefs.elder ? 'sp-elder elder-mode' : '',
    rootStyle: themeVariables(bundle.portal.theme, prefs.elder),
    state: {
      runtime: req.runtime,
      etag: req.etag,
      prefs: { ...prefs },
      ...(viewer ? { viewer } : {}),
    },
  };
}

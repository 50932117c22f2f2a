import { startLoad } from '@scene/forms/busy';
import { inject, nextTick, shallowRef, type App, type Component, type InjectionKey } from 'vue';

// The portal's own router. Its routes are few and static (`/c/:communityId/` and lowercase
// segments), so matching, history and scrolling take a few lines here instead of vue-router's
// 9 KB gzip in the first chunk. What it keeps: named routes, back and forward with the scroll
// position each entry had, pages loaded on first visit (the old page stays until the new one's
// code is there), redirects and props from the route. A navigation counts as a load in flight
// (`@scene/forms/busy`) until its page is drawn, so the page on screen reads as busy meanwhile.

/** A page's code, or a function loading it on first visit (`() => import('./Page.vue')`). */
export type RouteComponent = Component | (() => Promise<{ default: Component }>);

export type Query = Record<string, string>;

export interface Route {
  name: string;
  /** The path without query or hash, as in the address bar (encoded). */
  path: string;
  /** Path and query: what a "come back here" link carries. */
  fullPath: string;
  params: Record<string, string>;
  query: Query;
}

export interface RouteRecord {
  name: string;
  /** `/c/:communityId/…`; `*` matches any path (the last resort). */
  path: string;
  component?: RouteComponent;
  redirect?: (to: Route) => string;
  props?: Record<string, unknown> | ((route: Route) => Record<string, unknown>);
}

/** A path (`/c/x/p/me?next=…`) or a named route with its params and query. */
export type RouteLocation =
  string | { name: string; params?: Record<string, string>; query?: Query };

export interface Router {
  /** The current route; reading it inside a computed or watch tracks navigations. */
  readonly route: Route;
  /** The current route's record and page code (for RouterView). */
  readonly view: { record: RouteRecord; component: Component } | undefined;
  resolve(to: RouteLocation): Route & { href: string };
  push(to: RouteLocation): Promise<void>;
  replace(to: RouteLocation): Promise<void>;
  /** Settles once the page at the address bar's location is ready to draw. */
  isReady(): Promise<void>;
  install(app: App): void;
}

export const routerKey: InjectionKey<Router> = Symbol('router');

interface Match {
  record: RouteRecord;
  route: Route;
}

interface Position {
  left: number;
  top: number;
}

/** Query values keep `/` readable (`?next=/c/x/p/me`); everything else is percent-encoded. */
const encodeQuery = (query: Query) =>
  Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/%2F/gi, '/')}`)
    .join('&');

function decodeQuery(search: string): Query {
  const query: Query = {};
  for (const [k, v] of new URLSearchParams(search)) query[k] ??= v;
  return query;
}

const segments = (path: string) => path.split('/').filter(Boolean);

/** The record's params when `path` (encoded, no query) matches it; trailing slashes and case do not count. */
function matchPath(record: RouteRecord, path: string): Record<string, string> | undefined {
  if (record.path === '*') return {};
  const want = segments(record.path);
  const have = segments(path);
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    let h: string;
    try {
      h = decodeURIComponent(have[i]!);
    } catch {
      return undefined;
    }
    if (w.startsWith(':')) params[w.slice(1)] = h;
    else if (w.toLowerCase() !== h.toLowerCase()) return undefined;
  }
  return params;
}

function buildPath(record: RouteRecord, params: Record<string, string>): string {
  return record.path.replace(/:(\w+)/g, (_, p: string) => {
    const value = params[p];
    if (value === undefined) throw new Error(`route ${record.name} needs the param ${p}`);
    return encodeURIComponent(value);
  });
}

/**
 * `at` is the address to start from when there is no address bar: the server renders the page
 * at the request's path, and a server-side router changes no history and scrolls nothing.
 */
export function createRouter(routes: RouteRecord[], options: { at?: string } = {}): Router {
  const browser = options.at === undefined;
  const byName = new Map(routes.map((r) => [r.name, r]));
  const loaded = new Map<RouteRecord, Component>();
  const current = shallowRef<Match>();
  const view = shallowRef<{ record: RouteRecord; component: Component }>();
  let navigation = 0;

  function match(to: RouteLocation): Match {
    if (typeof to !== 'string') {
      const record = byName.get(to.name);
      if (!record) throw new Error(`no route named ${to.name}`);
      const params = { ...to.params };
      const query = { ...to.query };
      const path = buildPath(record, params);
      const search = encodeQuery(query);
      return {
        record,
        route: {
          name: record.name,
          path,
          params,
          query,
          fullPath: search ? `${path}?${search}` : path,
        },
      };
    }
    const url = new URL(to, 'http://portal.invalid');
    for (const record of routes) {
      const params = matchPath(record, url.pathname);
      if (params) {
        const route = {
          name: record.name,
          path: url.pathname,
          params,
          query: decodeQuery(url.search),
          fullPath: url.pathname + url.search,
        };
        return { record, route };
      }
    }
    throw new Error(`no route for ${to}`);
  }

  async function load(record: RouteRecord): Promise<Component | undefined> {
    const c = record.component;
    if (typeof c !== 'function') return c;
    let page = loaded.get(record);
    if (!page) {
      // Only lazy loaders are plain functions here; an SFC is an object.
      page = (await (c as () => Promise<{ default: Component }>)()).default;
      loaded.set(record, page);
    }
    return page;
  }

  async function go(to: RouteLocation, mode: 'push' | 'replace' | 'pop', saved?: Position) {
    const target = match(to);
    // Tapping the tab of the page on screen changes nothing, as a link to itself would not.
    if (mode === 'push' && target.route.fullPath === current.value?.route.fullPath) return;
    const drawn = startLoad();
    try {
      await draw(target, mode, saved);
    } finally {
      drawn();
    }
  }

  async function draw(target: Match, mode: 'push' | 'replace' | 'pop', saved?: Position) {
    const id = ++navigation;
    for (let hops = 0; target.record.redirect; hops++) {
      if (hops > 5) throw new Error('too many redirects');
      target = match(target.record.redirect(target.route));
      // The address bar shows where a redirect led, in place of where it started.
      if (mode === 'push') mode = 'replace';
    }
    const component = await load(target.record);
    // A later navigation started while this page's code loaded: that one wins.
    if (id !== navigation || !component) return;
    const h = globalThis.history;
    if (!browser) {
      current.value = target;
      view.value = { record: target.record, component };
      return;
    }
    if (mode === 'push') {
      // The page being left keeps its scroll position in its history entry, for "back".
      h.replaceState({ ...(h.state as object), scroll: { left: scrollX, top: scrollY } }, '');
      h.pushState({}, '', target.route.fullPath);
    } else if (mode === 'replace') {
      h.replaceState({}, '', target.route.fullPath);
    }
    current.value = target;
    view.value = { record: target.record, component };
    await nextTick();
    globalThis.scrollTo(saved ?? { left: 0, top: 0 });
  }

  const here = () => options.at ?? location.pathname + location.search;
  const route = {} as Route;
  for (const key of ['name', 'path', 'fullPath', 'params', 'query'] as const) {
    Object.defineProperty(route, key, { enumerable: true, get: () => current.value?.route[key] });
  }

  let ready: Promise<void> | undefined;
  const router: Router = {
    route,
    get view() {
      return view.value;
    },
    resolve: (to) => {
      const { route } = match(to);
      return { ...route, href: route.fullPath };
    },
    push: (to) => go(to, 'push'),
    replace: (to) => go(to, 'replace'),
    isReady: () =>
      (ready ??= go(
        here(),
        'replace',
        browser ? (history.state as { scroll?: Position } | null)?.scroll : undefined,
      )),
    install(app) {
      app.provide(routerKey, router);
      if (!browser) return;
      history.scrollRestoration = 'manual';
      addEventListener('popstate', (e) => {
        // An in-page anchor (`#main`) changes the hash only: the page stays.
        if (current.value && here() === current.value.route.fullPath) return;
        void go(here(), 'pop', (e.state as { scroll?: Position } | null)?.scroll);
      });
    },
  };
  return router;
}

export function useRouter(): Router {
  const router = inject(routerKey);
  if (!router) throw new Error('useRouter() outside the portal app');
  return router;
}

export const useRoute = (): Route => useRouter().route;

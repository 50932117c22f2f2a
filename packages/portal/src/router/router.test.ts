import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, h, nextTick, type App, type Component } from 'vue';
import { RouterLink, RouterView } from '.';
import { createRouter, type RouteRecord, type Router } from './router';

// Pages as objects: a plain function is what the router takes for a lazy loader.
const page = (text: string): Component => ({
  props: ['id'],
  setup: (props: { id?: string }) => () => h('p', `${text}${props.id ?? ''}`),
});
let loads = 0;
const routes: RouteRecord[] = [
  { name: 'home', path: '/c/:communityId/', component: page('home') },
  {
    name: 'me',
    path: '/c/:communityId/me',
    redirect: (to) => `/c/${to.params.communityId}/p/me`,
  },
  {
    name: 'page:me',
    path: '/c/:communityId/p/me',
    component: async () => {
      loads++;
      return { default: page('me') };
    },
  },
  {
    name: 'view',
    path: '/c/:communityId/repairs/new',
    component: page('repair'),
    props: (route) => ({ id: route.query.id }),
  },
  { name: 'not-found', path: '*', component: page('missing') },
];

describe('the portal router', () => {
  let app: App;
  let router: Router;
  let el: HTMLElement;
  const text = () => el.textContent;

  async function start(path: string) {
    history.replaceState(null, '', path);
    router = createRouter(routes);
    el = document.createElement('div');
    document.body.append(el);
    app = createApp({
      render: () => [
        h(RouterView),
        h(RouterLink, { to: { name: 'page:me', params: { communityId: 'c1' } } }, () => 'mine'),
      ],
    });
    app.use(router);
    await router.isReady();
    app.mount(el);
  }
  beforeEach(() => (loads = 0));
  afterEach(() => {
    app.unmount();
    el.remove();
  });

  it('matches the address bar, decoding params and ignoring a missing trailing slash', async () => {
    await start('/c/%E7%BF%A0%E8%8B%91');
    expect(router.route.name).toBe('home');
    expect(router.route.params).toEqual({ communityId: '翠苑' });
    expect(text()).toContain('home');
    await router.push('/c/c1/nowhere/at-all');
    expect(router.route.name).toBe('not-found');
    expect(text()).toContain('missing');
  });

  it('builds hrefs from named routes, keeping the slashes of a query value readable', async () => {
    await start('/c/c1/');
    expect(
      router.resolve({ name: 'view', params: { communityId: 'c 1' }, query: { next: '/c/x?a=1' } })
        .href,
    ).toBe('/c/c%201/repairs/new?next=/c/x%3Fa%3D1');
    expect(router.resolve('/c/c1/repairs/new?id=r1').query).toEqual({ id: 'r1' });
    expect(() => router.resolve({ name: 'nope' })).toThrow(/no route named nope/);
  });

  it('loads a lazy page once, follows redirects in place and passes props from the route', async () => {
    await start('/c/c1/');
    await router.push({ name: 'me', params: { communityId: 'c1' } });
    await nextTick();
    expect(location.pathname).toBe('/c/c1/p/me');
    expect(text()).toContain('me');
    await router.push('/c/c1/repairs/new?id=r7');
    await nextTick();
    expect(text()).toContain('repairr7');
    await router.push('/c/c1/p/me');
    expect(loads).toBe(1);
  });

  it('follows a link in place and marks the link to the page on screen', async () => {
    await start('/c/c1/');
    const link = el.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('/c/c1/p/me');
    expect(link.hasAttribute('aria-current')).toBe(false);
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
    await vi.waitFor(() => expect(location.pathname).toBe('/c/c1/p/me'));
    await nextTick();
    expect(link.getAttribute('aria-current')).toBe('page');
  });

  it('keeps the last navigation when two overlap', async () => {
    await start('/c/c1/');
    const slow = router.push({ name: 'page:me', params: { communityId: 'c1' } });
    await router.push('/c/c1/repairs/new');
    await slow;
    expect(router.route.name).toBe('view');
    expect(location.pathname).toBe('/c/c1/repairs/new');
  });

  it('goes back to the page and the scroll position the visitor left', async () => {
    await start('/c/c1/');
    const scrollTo = vi.spyOn(globalThis, 'scrollTo');
    vi.spyOn(globalThis, 'scrollY', 'get').mockReturnValue(640);
    await router.push('/c/c1/repairs/new');
    expect(scrollTo).toHaveBeenLastCalledWith({ left: 0, top: 0 });
    expect(history.length).toBeGreaterThan(1);
    history.back();
    await vi.waitFor(() => expect(router.route.name).toBe('home'));
    await vi.waitFor(() => expect(scrollTo).toHaveBeenLastCalledWith({ left: 0, top: 640 }));
    vi.restoreAllMocks();
  });
});

describe('the portal router on the server', () => {
  it('starts from the request path and leaves the history alone', async () => {
    const pushState = vi.spyOn(history, 'pushState');
    const replaceState = vi.spyOn(history, 'replaceState');
    const router = createRouter(routes, { at: '/c/x/repairs/new?id=7' });
    await router.isReady();
    expect(router.route.name).toBe('view');
    expect(router.view?.record.name).toBe('view');
    // A redirect is followed there too.
    const redirected = createRouter(routes, { at: '/c/x/me' });
    await redirected.isReady();
    expect(redirected.route.fullPath).toBe('/c/x/p/me');
    expect(pushState).not.toHaveBeenCalled();
    expect(replaceState).not.toHaveBeenCalled();
  });
});

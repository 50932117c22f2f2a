import { ApiError } from '@scene/client';
import type { RuntimeApi, RuntimeBundle } from '@scene/client/runtime';
import { standardPlugins } from '@scene/plugins';
import { beforeEach, describe, expect, it } from 'vitest';
import { defineComponent } from 'vue';
import { buildRoutes, locationFor, meTab } from './routes';
import { withFieldErrors } from './state/api-source-more';
import { loadBundle, readCachedBundle, type ShellBundle } from './state/bundle-cache';
import { userFor } from './state/session';
import { byWaiting, landsOnWork, workKey, workViewsFor } from './work-views';

const Dummy = defineComponent({ render: () => null });
const bundle: ShellBundle = {
  community: { id: 'c1', name: '翠苑' },
  version: 3,
  portal: {
    portalVersion: 1,
    theme: { primaryColor: '#b5472f' },
    tabs: [
      { id: 'home', title: { 'zh-CN': '首页', en: 'Home' }, icon: 'home', page: 'home' },
      { id: 'me', title: { 'zh-CN': '我的', en: 'Me' }, icon: 'user', page: 'me' },
    ],
    pages: [
      { id: 'home', title: { 'zh-CN': '首页', en: 'Home' }, blocks: [] },
      { id: 'me', title: { 'zh-CN': '我的', en: 'Me' }, blocks: [] },
    ],
  },
  plugins: standardPlugins.map((manifest) => ({ pluginId: manifest.id, manifest, config: {} })),
};

describe('routes from the bundle', () => {
  const routes = buildRoutes(bundle, {
    portalPage: Dummy,
    pluginPage: Dummy,
    notFound: Dummy,
    shell: {
      me: Dummy,
      login: Dummy,
      register: Dummy,
      inbox: Dummy,
      points: Dummy,
      work: Dummy,
      family: Dummy,
      notifications: Dummy,
      close: Dummy,
    },
  });
  const byName = new Map(routes.map((r) => [String(r.name), r]));

  it('gives the first tab the home path, other pages p/<id>, plugin pages their own route', () => {
    expect(byName.get('page:home')!.path).toBe('/c/:communityId/');
    expect(byName.get('page:me')!.path).toBe('/c/:communityId/p/me');
    expect(byName.get('view:std.property-repair/report')!.path).toBe('/c/:communityId/repairs/new');
    expect(byName.get('view:std.property-repair/queue')!.path).toBe(
      '/c/:communityId/repairs/queue',
    );
    expect(routes.at(-1)!.name).toBe('not-found');
  });

  it("sends the shell's 'me' to the portal's own me tab", () => {
    expect(meTab(bundle)?.page).toBe('me');
    const redirect = byName.get('me')!.redirect as (to: {
      params: Record<string, string>;
    }) => string;
    expect(redirect({ params: { communityId: 'c1' } })).toBe('/c/c1/p/me');
  });

  it('turns renderer navigations into router locations', () => {
    expect(locationFor({ plugin: 'std.x', view: 'detail', id: 'r1' }, 'c1')).toEqual({
      name: 'view:std.x/detail',
      params: { communityId: 'c1' },
      query: { id: 'r1' },
    });
    expect(locationFor({ shell: 'login' }, 'c1')).toEqual({
      name: 'login',
      params: { communityId: 'c1' },
    });
  });
});

describe('who the user is in this community', () => {
  const me = {
    account: {
      id: 'a1',
      username: 'li',
      displayName: '李师傅',
      platformRoles: [],
      disabled: false,
      createdAt: '2025-01-01T00:00:00.000Z',
    },
    memberships: [
      {
        communityId: 'c1',
        role: 'staff' as const,
        pluginRoles: ['plugin:std.property-repair/repairStaff'],
      },
      { communityId: 'c2', role: 'resident' as const, pluginRoles: [] },
    ],
  };
  it('takes the membership role and plugin roles of this community only', () => {
    expect(userFor(me, 'c1')).toEqual({
      id: 'a1',
      displayName: '李师傅',
      roles: ['staff', 'plugin:std.property-repair/repairStaff'],
      communityId: 'c1',
    });
    expect(userFor(me, 'c3')!.roles).toEqual([]);
    expect(userFor(null, 'c1')).toBeNull();
  });

  it('lists the staff work views their roles open, and none for a resident', () => {
    const staff = workViewsFor(bundle, userFor(me, 'c1'));
    expect(staff.map((w) => `${w.pluginId}/${w.view.id}`)).toContain('std.property-repair/queue');
    expect(staff.some((w) => w.view.root.type === 'detail')).toBe(false);
    expect(workViewsFor(bundle, userFor(me, 'c2'))).toEqual([]);
  });

  it('counts what waits only where the user may run the count, busiest first, and lands staff on it', () => {
    const staff = workViewsFor(bundle, userFor(me, 'c1'));
    const queue = staff.find((w) => workKey(w) === 'std.property-repair/queue')!;
    expect(queue.waiting).toBe('openCount');
    // The plugin's figures page has no waiting count; a resident has no work at all.
    expect(staff.filter((w) => w.waiting).every((w) => w.view.waiting?.query === w.waiting)).toBe(
      true,
    );
    const [first, ...rest] = staff;
    expect(byWaiting(staff, {}).map(workKey)).toEqual(staff.map(workKey));
    const last = rest.at(-1)!;
    expect(byWaiting(staff, { [workKey(last)]: 2, [workKey(first!)]: 0 })[0]).toBe(last);
    expect(landsOnWork(bundle, userFor(me, 'c1'))).toBe(true);
    expect(landsOnWork(bundle, userFor(me, 'c2'))).toBe(false);
    expect(landsOnWork(bundle, null)).toBe(false);
  });
});

describe('server field errors', () => {
  it('maps validation issues (pointers into input, localized) onto form fields', () => {
    const err = new ApiError(400, 'validation_failed', 'Invalid input', {
      issues: [{ pointer: '/input/title', message: { 'zh-CN': '太短', en: 'Too short' } }],
    });
    expect((withFieldErrors(err, 'en') as ApiError).details).toEqual([
      { pointer: '/title', message: 'Too short' },
    ]);
    const other = new ApiError(409, 'conflict', 'x');
    expect(withFieldErrors(other, 'en')).toBe(other);
  });
});

describe('the saved bundle', () => {
  beforeEach(() => localStorage.clear());
  // The answers of the network, as the client's runtime resource gives them; projections are
  // found by the hash the bundle names (here the plugin id).
  const runtime = (answer: RuntimeApi['bundle']): RuntimeApi => ({
    bundle: answer,
    manifests: async (plugins) =>
      Object.fromEntries(
        Object.entries(plugins).map(([id, p]) => [
          id,
          standardPlugins.find((m) => m.id === p.manifestHash)!,
        ]),
      ),
  });
  const wire: RuntimeBundle = {
    communityId: 'c1',
    community: {
      id: 'c1',
      name: '翠苑',
      city: '杭州',
      district: '西湖区',
      type: 'renovation',
      timeZone: 'Asia/Shanghai',
    },
    version: 3,
    publishedAt: '2025-01-01T00:00:00.000Z',
    portal: bundle.portal,
    plugins: Object.fromEntries(
      standardPlugins.map((m) => [
        m.id,
        { version: m.version, enabled: true, config: {}, manifestHash: m.id },
      ]),
    ),
  };

  it('is saved when the network answers and shown when it does not', async () => {
    const fresh = await loadBundle(
      runtime(async () => ({ bundle: wire, etag: '"e1"', notModified: false })),
      'c1',
    );
    expect(fresh.bundle.plugins.map((p) => p.pluginId)).toEqual(standardPlugins.map((m) => m.id));
    expect(fresh.bundle.plugins.map((p) => p.manifest.id)).toEqual(
      standardPlugins.map((m) => m.id),
    );
    expect(readCachedBundle('c1')?.etag).toBe('"e1"');
    const offline = await loadBundle(
      runtime(async () => Promise.reject(new ApiError(0, 'network_error', 'down'))),
      'c1',
    );
    expect(offline.fromCache).toBe(true);
    expect(offline.bundle.community.name).toBe('翠苑');
  });

  it('is not used to hide a real answer such as "not published"', async () => {
    await loadBundle(
      runtime(async () => ({ bundle: wire, etag: '"e1"', notModified: false })),
      'c1',
    );
    await expect(
      loadBundle(
        runtime(async () => Promise.reject(new ApiError(404, 'not_found', 'no'))),
        'c1',
      ),
    ).rejects.toMatchObject({ status: 404 });
  });
});

import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { mount, flushPromises } from '@vue/test-utils';
import type { Page } from '@scene/schema';
import { mountNode, staffUser, testManifest } from './test/mount';
import { widgets } from '@scene/forms/vant';
import { provideDataSource, provideFormWidgets } from './context';
import { createFixtureSource } from './fixture-source';
import { PortalRenderer } from './PortalRenderer';
import { primitiveComponents } from './registry';
import { ViewRenderer } from './ViewRenderer';
import { resolveValue } from './bindings';
import { rolesFor } from './use-renderer';

describe('bindings', () => {
  it('resolves config, item, user and route bindings deeply and never walks prototypes', () => {
    const scope = {
      plugin: { id: 'p', manifest: testManifest(), config: { title: 'T', nested: { a: 1 } } },
      item: { s: 'x' },
      route: { id: 'r1' },
    };
    const user = { id: 'u1', displayName: 'Ann', roles: ['resident'] };
    expect(
      resolveValue(
        {
          a: { bind: 'config.title' },
          b: [{ bind: 'item.s' }],
          c: { bind: 'user.displayName' },
          d: { bind: 'route.id' },
          e: { bind: 'config.nested.a' },
        },
        scope,
        user,
      ),
    ).toEqual({ a: 'T', b: ['x'], c: 'Ann', d: 'r1', e: 1 });
    expect(resolveValue({ bind: 'config.__proto__' }, scope, user)).toBeUndefined();
    expect(resolveValue({ bind: 'config.constructor' }, scope, user)).toBeUndefined();
  });

  it('reads roles as the server does: grantedTo by default, explicit grants, no admin pass', () => {
    const m = testManifest();
    const user = (roles: string[]) => ({ user: { id: 'u', displayName: 'U', roles } });
    expect(rolesFor(user(['staff']), m).has('plugin:fixer')).toBe(true);
    expect(rolesFor(user(['resident', 'plugin:std.test/fixer']), m).has('plugin:fixer')).toBe(true);
    expect(rolesFor(user(['resident']), m).has('plugin:fixer')).toBe(false);
    expect(rolesFor(user(['operator']), m).has('plugin:fixer')).toBe(false);
    expect(rolesFor(user(['admin']), m).has('plugin:fixer')).toBe(false);
    expect([...rolesFor({ user: null }, m)]).toEqual(['public']);
  });
});

describe('node renderer', () => {
  it('renders a node only when its `when` filter matches the scope', async () => {
    const node = {
      type: 'stack',
      children: [
        {
          type: 'text',
          props: { text: '看得见' },
          when: { field: 'item.status', op: 'eq' as const, value: 'open' },
        },
        {
          type: 'text',
          props: { text: '看不见' },
          when: { field: 'item.status', op: 'eq' as const, value: 'done' },
        },
        {
          type: 'text',
          props: { text: '我的' },
          when: { field: 'item.createdBy', op: 'eq' as const, value: { var: 'user.id' as const } },
        },
      ],
    };
    const { wrapper } = await mountNode(node, {
      scope: { item: { _id: '1', status: 'open', createdBy: 'u-resident' } },
    });
    expect(wrapper.text()).toContain('看得见');
    expect(wrapper.text()).not.toContain('看不见');
    expect(wrapper.text()).toContain('我的');
  });

  it('shows a bilingual placeholder for an unknown primitive, reports it, and keeps the rest', async () => {
    const { wrapper, source } = await mountNode({
      type: 'stack',
      children: [{ type: 'hologram' }, { type: 'text', props: { text: '其余内容' } }],
    });
    expect(wrapper.get('[data-block-error=hologram]').text()).toMatch(
      /不支持的组件 · Unsupported component/,
    );
    expect(wrapper.text()).toContain('其余内容');
    expect(source.blockErrors).toEqual([
      { type: 'hologram', message: 'unknown primitive "hologram"' },
    ]);
  });

  it('contains a block that throws while rendering and reports it', async () => {
    // A broken `when` (not a filter) and a primitive whose props make it throw.
    const { wrapper, source } = await mountNode({
      type: 'stack',
      children: [
        { type: 'text', props: { text: 'a' }, when: { field: 'x', op: 'nope' } as never },
        {
          type: 'entry-grid',
          props: { items: 'not-a-list' as never, columns: { boom: true } as never },
        },
        { type: 'heading', props: { text: '标题仍在' } },
      ],
    });
    expect(wrapper.findAll('[data-block-error]').length).toBeGreaterThanOrEqual(1);
    expect(wrapper.text()).toContain('标题仍在');
    expect(source.blockErrors.some((e) => e.type === 'text')).toBe(true);
  });

  it('catches an error thrown inside a primitive component (error boundary)', async () => {
    const { wrapper, source } = await mountNode(
      {
        type: 'stack',
        children: [
          { type: 'badge', props: { text: 'x', workflow: 'tickets' } },
          { type: 'text', props: { text: '仍然显示' } },
        ],
      },
      // A manifest whose collections getter throws stands in for a bug inside a primitive.
      {
        manifest: Object.defineProperty(testManifest(), 'collections', {
          get() {
            throw new Error('broken manifest');
          },
        }),
      },
    );
    expect(wrapper.find('[data-block-error=badge]').exists()).toBe(true);
    expect(wrapper.text()).toContain('仍然显示');
    expect(source.blockErrors).toContainEqual({ type: 'badge', message: 'broken manifest' });
  });

  it('draws nothing for a data node whose query the viewer may not run, instead of an error', async () => {
    const node = {
      type: 'stack',
      children: [
        {
          type: 'list',
          props: { query: 'mine' },
          children: [{ type: 'text', props: { text: { bind: 'item.title' } } }],
        },
        { type: 'text', props: { text: '其余内容' } },
      ],
    };
    const lists = { 'std.test/mine': [{ _id: 'a', title: '水管漏水' }] };
    const asStaff = await mountNode(node, { lists, user: staffUser });
    expect(asStaff.wrapper.text()).toContain('其余内容');
    expect(asStaff.wrapper.text()).not.toContain('水管漏水');
    expect(asStaff.wrapper.find('[role=alert]').exists()).toBe(false);
    const asResident = await mountNode(node, { lists });
    expect(asResident.wrapper.text()).toContain('水管漏水');
  });

  it('has one component for every primitive of the catalog', async () => {
    const { PRIMITIVE_TYPES } = await import('@scene/schema');
    expect(Object.keys(primitiveComponents).sort()).toEqual([...PRIMITIVE_TYPES].sort());
  });
});

describe('view and portal renderers', () => {
  const manifest = testManifest({
    views: [
      {
        id: 'card',
        surface: 'resident',
        slot: 'block',
        root: {
          type: 'card',
          props: { title: { bind: 'config.title' } },
          children: [{ type: 'text', props: { text: { bind: 'route.id' } } }],
        },
      },
    ],
  });

  function host(render: () => ReturnType<typeof h>, source = createFixtureSource()) {
    return mount(
      defineComponent({
        setup() {
          provideDataSource(source);
          provideFormWidgets(async () => widgets);
          return render;
        },
      }),
    );
  }

  it('renders a plugin view with config defaults, overrides and route id', async () => {
    const w = host(() => h(ViewRenderer, { manifest, view: 'card', routeId: 'r9' }));
    await flushPromises();
    expect(w.get('h2').text()).toBe('报修');
    expect(w.text()).toContain('r9');
    const w2 = host(() => h(ViewRenderer, { manifest, view: 'card', config: { title: '修东西' } }));
    expect(w2.get('h2').text()).toBe('修东西');
  });

  it('renders a page of plugin and primitive blocks, plugin views nested in layout blocks too', async () => {
    const page: Page = {
      id: 'home',
      title: { 'zh-CN': '首页', en: 'Home' },
      blocks: [
        {
          id: 'b1',
          kind: 'primitive',
          type: 'heading',
          props: { text: { 'zh-CN': '欢迎', en: 'Welcome' } },
        },
        {
          id: 'b2',
          kind: 'plugin',
          plugin: 'std.test',
          view: 'card',
          config: { title: '区块标题' },
        },
        {
          id: 'b3',
          kind: 'primitive',
          type: 'grid',
          children: [{ id: 'b4', kind: 'plugin', plugin: 'std.test', view: 'card' }],
        },
        { id: 'b5', kind: 'plugin', plugin: 'std.missing', view: 'x' },
      ],
    };
    const source = createFixtureSource({ locale: 'en' });
    const w = host(
      () => h(PortalRenderer, { page, plugins: { 'std.test': { manifest, config: {} } } }),
      source,
    );
    await flushPromises();
    expect(w.text()).toContain('Welcome');
    expect(w.findAll('h2.sp-card__title').map((x) => x.text())).toEqual(['区块标题', '报修']);
    expect(w.find('[data-block-error="std.missing/x"]').exists()).toBe(true);
    expect(source.blockErrors[0]?.type).toBe('plugin');
  });

  it('offers a block only to the roles its view opens to', async () => {
    const both = testManifest({
      views: [
        { ...manifest.views[0]!, id: 'mine' },
        { ...manifest.views[0]!, id: 'all', roles: ['public'] },
      ],
    });
    const page: Page = {
      id: 'home',
      title: { 'zh-CN': '首页', en: 'Home' },
      blocks: [
        { id: 'b1', kind: 'plugin', plugin: 'std.test', view: 'mine', config: { title: '我的' } },
        { id: 'b2', kind: 'plugin', plugin: 'std.test', view: 'all', config: { title: '大家的' } },
      ],
    };
    const titles = async (options: Parameters<typeof createFixtureSource>[0]) => {
      const w = host(
        () => h(PortalRenderer, { page, plugins: { 'std.test': { manifest: both, config: {} } } }),
        createFixtureSource(options),
      );
      await flushPromises();
      return w.findAll('h2.sp-card__title').map((x) => x.text());
    };
    expect(await titles({})).toEqual(['我的', '大家的']);
    expect(await titles({ user: staffUser })).toEqual(['大家的']);
    expect(await titles({ user: null })).toEqual(['大家的']);
    // The studio's preview says why a block is missing.
    const w = host(
      () => h(ViewRenderer, { manifest: both, view: 'mine' }),
      Object.assign(createFixtureSource({ user: staffUser }), { explainHidden: true }),
    );
    expect(w.text()).toContain('此区块不向当前预览的身份显示');
  });
});

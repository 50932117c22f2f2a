import type { PluginManifest, ViewNode } from '@scene/schema';
import { flushPromises, mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import type { WidgetMap } from '@scene/forms';
import { widgets } from '@scene/forms/vant';
import { provideActingFor, provideDataSource, provideFormWidgets } from '../context';
import {
  createFixtureSource,
  type FixtureSource,
  type FixtureSourceOptions,
} from '../fixture-source';
import { NodeRenderer } from '../NodeRenderer';
import { loadCommonPrimitives } from '../registry';
import type { RenderScope } from '../scope';

/** A small manifest for primitive tests: one collection with a workflow, a few actions and queries. */
export function testManifest(extra: Partial<PluginManifest> = {}): PluginManifest {
  return {
    manifestVersion: 1,
    id: 'std.test',
    version: '1.0.0',
    engines: { platform: '^1.0.0' },
    vendor: { id: 'std', name: { 'zh-CN': '标准', en: 'Std' } },
    name: { 'zh-CN': '测试', en: 'Test' },
    description: { 'zh-CN': '测试', en: 'Test' },
    scene: 'service',
    tier: 'standard',
    icon: 'wrench',
    permissions: [],
    roles: [{ id: 'fixer', name: { 'zh-CN': '维修', en: 'Fixer' }, grantedTo: ['staff'] }],
    config: {
      type: 'object',
      properties: { title: { type: 'string', maxLength: 20, default: '报修' } },
    },
    collections: {
      tickets: {
        schemaVersion: 1,
        schema: {
          type: 'object',
          properties: {
            title: { type: 'string', maxLength: 40 },
            status: { type: 'string', enum: ['open', 'done'] },
            rating: { type: 'integer', minimum: 1, maximum: 5 },
          },
        },
        access: { read: [{ roles: ['resident'] }] },
        workflow: {
          field: 'status',
          initial: 'open',
          states: [
            { id: 'open', label: { 'zh-CN': '处理中', en: 'Open' }, tone: 'warning' },
            { id: 'done', label: { 'zh-CN': '已完成', en: 'Done' }, tone: 'success' },
          ],
          transitions: [
            {
              id: 'finish',
              from: ['open'],
              to: 'done',
              roles: ['plugin:fixer'],
              label: { 'zh-CN': '完成', en: 'Finish' },
            },
            {
              id: 'rate',
              from: ['done'],
              to: 'done',
              roles: ['resident'],
              label: { 'zh-CN': '评价', en: 'Rate' },
              where: { field: 'createdBy', op: 'eq', value: { var: 'user.id' } },
            },
          ],
        },
      },
    },
    actions: {
      report: {
        type: 'create',
        collection: 'tickets',
        label: { 'zh-CN': '报修', en: 'Report' },
        roles: ['resident'],
        input: {
          type: 'object',
          properties: { title: { type: 'string', maxLength: 40 } },
          required: ['title'],
        },
      },
      finish: {
        type: 'transition',
        collection: 'tickets',
        transition: 'finish',
        label: { 'zh-CN': '完成', en: 'Finish' },
        roles: ['plugin:fixer'],
      },
      rate: {
        type: 'transition',
        collection: 'tickets',
        transition: 'rate',
        label: { 'zh-CN': '评价', en: 'Rate' },
        roles: ['resident'],
      },
      remove: {
        type: 'delete',
        collection: 'tickets',
        label: { 'zh-CN': '删除', en: 'Delete' },
        roles: ['resident'],
        where: { field: 'createdBy', op: 'eq', value: { var: 'user.id' } },
        confirm: { 'zh-CN': '确定删除吗？', en: 'Delete it?' },
      },
    },
    queries: {
      mine: { collection: 'tickets', kind: 'list' },
      openCount: { collection: 'tickets', kind: 'count' },
      byStatus: { collection: 'tickets', kind: 'group', groupBy: 'status' },
    },
    views: [],
    migrations: [],
    lifecycle: { onUninstall: 'delete' },
    ...extra,
  };
}

export interface MountNodeOptions extends FixtureSourceOptions {
  scope?: Partial<RenderScope>;
  /** The app's form widgets; the portal's (Vant) unless given. */
  widgets?: WidgetMap;
  manifest?: PluginManifest;
  config?: Record<string, unknown>;
  /** Parts of the data source the fixtures do not serve (downloads, say). */
  extend?: Partial<FixtureSource>;
}

/** Mounts one view node inside a fixture data source and waits for its first loads. */
export async function mountNode(node: ViewNode, options: MountNodeOptions = {}) {
  const source: FixtureSource = { ...createFixtureSource(options), ...options.extend };
  const manifest = options.manifest ?? testManifest();
  const scope: RenderScope = {
    plugin: { id: manifest.id, manifest, config: options.config ?? { title: '报修' } },
    route: {},
    ...options.scope,
  };
  const Host = defineComponent({
    setup() {
      provideDataSource(source);
      provideFormWidgets(async () => options.widgets ?? widgets);
      // As a view does: its forms and the figures beside them share whom they act for.
      provideActingFor();
      return () => h(NodeRenderer, { node, scope });
    },
  });
  const wrapper = mount(Host, { attachTo: document.body });
  await settle();
  return { wrapper, source };
}

// Lazily loaded primitives resolve in a few ticks once their modules are in the cache.
await Promise.all([
  import('../primitives/FormNode.vue'),
  import('../primitives/TableNode.vue'),
  import('../primitives/ChartNode.vue'),
  import('../primitives/StatNode.vue'),
  import('../primitives/CalendarNode.vue'),
  import('../primitives/SlotPickerNode.vue'),
  import('../primitives/BallotNode.vue'),
  import('../primitives/ConsentNode.vue'),
  import('../primitives/DirectoryNode.vue'),
  import('../primitives/RatingNode.vue'),
  import('../primitives/ResultsNode.vue'),
  import('../primitives/StepsNode.vue'),
  import('../primitives/PointsBalanceNode.vue'),
  import('../primitives/PausesNode.vue'),
  loadCommonPrimitives(),
]);

/** Lets pending loads, lazy components and their first renders finish. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 0));
  }
}

export const staffUser = { id: 'u-staff', displayName: '王师傅', roles: ['staff', 'plugin:fixer'] };

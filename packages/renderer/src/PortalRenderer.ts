import type { Block, Page, ViewNode } from '@scene/schema';
import { computed, defineComponent, h, provide, type PropType } from 'vue';
import { installedPluginsKey, PLUGIN_VIEW, type InstalledPlugin } from './installed';
import BlockPlaceholder from './BlockPlaceholder.vue';
import { NodeRenderer } from './NodeRenderer';
import type { RenderScope } from './scope';
import { ViewRenderer } from './ViewRenderer';
import { useDataSource } from './context';

/**
 * A block as a view node. Plugin views inside layout blocks become internal `#plugin-view`
 * nodes (a type no manifest can name) that render the installed plugin's view.
 */
export function blockToNode(block: Block): ViewNode {
  if (block.kind === 'plugin') {
    return {
      type: PLUGIN_VIEW,
      props: { plugin: block.plugin, view: block.view, config: block.config ?? {} },
    };
  }
  return {
    type: block.type,
    props: block.props,
    children: (block.children ?? []).map(blockToNode),
  };
}

/** Renders the blocks of one portal page: plugin views with their config, primitives as placed. */
export const PortalRenderer = defineComponent({
  name: 'PortalRenderer',
  props: {
    page: { type: Object as PropType<Page>, required: true },
    /** Installed plugins by id. */
    plugins: { type: Object as PropType<Record<string, InstalledPlugin>>, required: true },
  },
  setup(props) {
    const source = useDataSource();
    provide(
      installedPluginsKey,
      computed(() => props.plugins),
    );
    const blankScope: RenderScope = { route: {} };
    const blocks = computed(() => props.page.blocks ?? []);
    const renderBlock = (block: Block) => {
      if (block.kind === 'plugin') {
        const installed = props.plugins[block.plugin];
        if (!installed) {
          source.onBlockError?.({
            type: 'plugin',
            plugin: block.plugin,
            view: block.view,
            message: 'plugin not installed',
          });
          return h(BlockPlaceholder, { key: block.id, type: `${block.plugin}/${block.view}` });
        }
        return h(ViewRenderer, {
          key: block.id,
          manifest: installed.manifest,
          view: block.view,
          config: { ...installed.config, ...block.config },
        });
      }
      return h(NodeRenderer, { key: block.id, node: blockToNode(block), scope: blankScope });
    };
    return () => h('div', { class: 'sp-page sp-stack sp-gap-md' }, blocks.value.map(renderBlock));
  },
});

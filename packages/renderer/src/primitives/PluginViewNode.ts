import { defineComponent, h, inject, type PropType } from 'vue';
import BlockPlaceholder from '../BlockPlaceholder.vue';
import { installedPluginsKey } from '../installed';
import type { RenderScope } from '../scope';
import { ViewRenderer } from '../ViewRenderer';

/** A plugin's block view placed inside a layout block of a portal page. */
export default defineComponent({
  name: 'PluginViewNode',
  props: {
    resolved: { type: Object as PropType<Record<string, unknown>>, required: true },
    scope: { type: Object as PropType<RenderScope>, required: true },
    node: { type: Object, required: true },
  },
  setup(props) {
    const plugins = inject(installedPluginsKey, null);
    return () => {
      const id = String(props.resolved.plugin);
      const view = String(props.resolved.view);
      const installed = plugins?.value[id];
      if (!installed) throw new Error(`plugin ${id} is not installed`);
      if (!installed.manifest.views.some((v) => v.id === view))
        return h(BlockPlaceholder, { type: `${id}/${view}` });
      return h(ViewRenderer, {
        manifest: installed.manifest,
        view,
        config: { ...installed.config, ...(props.resolved.config as Record<string, unknown>) },
      });
    };
  },
});

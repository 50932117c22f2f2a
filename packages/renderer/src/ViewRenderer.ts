import { mayOpenView, type ClientManifest, type ViewDef } from '@scene/schema';
import { computed, defineComponent, h, type PropType } from 'vue';
import BlockPlaceholder from './BlockPlaceholder.vue';
import { provideActingFor, useDataSource } from './context';
import { message } from './messages';
import { NodeRenderer } from './NodeRenderer';
import { rolesFor } from './use-renderer';
import type { RenderScope } from './scope';
import './renderer.css';

/** The configuration a view sees: the schema's defaults under the installation's values. */
export function configWithDefaults(
  manifest: ClientManifest,
  config: Record<string, unknown> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(manifest.config?.properties ?? {})) {
    const d = (prop as { default?: unknown }).default;
    if (d !== undefined) out[key] = d;
  }
  return { ...out, ...config };
}

export function findView(manifest: ClientManifest, viewId: string): ViewDef | undefined {
  return manifest.views.find((v) => v.id === viewId);
}

/**
 * Renders one view of one plugin with its configuration and route (`route.id`) — for users the
 * view opens to (`mayOpenView`); for anyone else it draws nothing, as a block that is not offered
 * to them.
 */
export const ViewRenderer = defineComponent({
  name: 'ViewRenderer',
  props: {
    manifest: { type: Object as PropType<ClientManifest>, required: true },
    view: { type: String, required: true },
    config: { type: Object as PropType<Record<string, unknown>>, default: () => ({}) },
    routeId: { type: String, default: undefined },
  },
  setup(props) {
    const source = useDataSource();
    provideActingFor();
    const def = computed(() => findView(props.manifest, props.view));
    const open = computed(
      () => !def.value || mayOpenView(rolesFor(source, props.manifest), def.value),
    );
    const scope = computed<RenderScope>(() => ({
      plugin: {
        id: props.manifest.id,
        manifest: props.manifest,
        config: configWithDefaults(props.manifest, props.config),
        viewId: props.view,
      },
      route: { id: props.routeId },
    }));
    return () => {
      if (!open.value)
        return source.explainHidden
          ? h('p', { class: 'sp-placeholder', role: 'note' }, message(source.locale, 'notForRole'))
          : null;
      return def.value
        ? h('div', { class: 'sp-view', 'data-view': `${props.manifest.id}/${props.view}` }, [
            h(NodeRenderer, { node: def.value.root, scope: scope.value }),
          ])
        : h(BlockPlaceholder, { type: `${props.manifest.id}/${props.view}` });
    };
  },
});

import type { ViewNode } from '@scene/schema';
import { computed, defineComponent, h, watch, type PropType } from 'vue';
import { BlockBoundary } from './BlockBoundary';
import BlockPlaceholder from './BlockPlaceholder.vue';
import { resolveValue } from './bindings';
import { useDataSource } from './context';
import { primitiveComponent } from './registry';
import type { RenderScope } from './scope';
import { nodeVisible, queriesRunnable } from './use-renderer';

type NodeState =
  | { kind: 'hidden' }
  | { kind: 'unknown' }
  | { kind: 'broken'; message: string }
  | { kind: 'ok'; resolved: Record<string, unknown> };

/** Renders one view node: checks `when`, resolves bindings, picks the primitive, guards errors. */
export const NodeRenderer = defineComponent({
  name: 'NodeRenderer',
  props: {
    node: { type: Object as PropType<ViewNode>, required: true },
    scope: { type: Object as PropType<RenderScope>, required: true },
  },
  setup(props) {
    const source = useDataSource();
    const state = computed<NodeState>(() => {
      const node = props.node;
      if (typeof node !== 'object' || node === null || typeof node.type !== 'string')
        return { kind: 'broken', message: 'not a view node' };
      if (!primitiveComponent(node.type)) return { kind: 'unknown' };
      try {
        if (!nodeVisible(node, props.scope, source)) return { kind: 'hidden' };
        if (!queriesRunnable(node, props.scope, source)) return { kind: 'hidden' };
        const resolved = resolveValue(node.props ?? {}, props.scope, source.user);
        return { kind: 'ok', resolved: resolved as Record<string, unknown> };
      } catch (err) {
        return { kind: 'broken', message: err instanceof Error ? err.message : String(err) };
      }
    });
    watch(
      state,
      (s) => {
        if (s.kind !== 'unknown' && s.kind !== 'broken') return;
        source.onBlockError?.({
          type: String(props.node?.type),
          plugin: props.scope.plugin?.id,
          view: props.scope.plugin?.viewId,
          message: s.kind === 'unknown' ? `unknown primitive "${props.node.type}"` : s.message,
        });
      },
      { immediate: true },
    );
    return () => {
      const s = state.value;
      const type = String(props.node?.type);
      if (s.kind === 'hidden') return null;
      if (s.kind === 'unknown') return h(BlockPlaceholder, { type, unknown: true });
      if (s.kind === 'broken') return h(BlockPlaceholder, { type });
      const component = primitiveComponent(type)!;
      return h(BlockBoundary, { type, scope: props.scope }, () =>
        h(component, { node: props.node, scope: props.scope, resolved: s.resolved }),
      );
    };
  },
});

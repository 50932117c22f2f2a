import { defineComponent, h, onErrorCaptured, ref, type PropType } from 'vue';
import BlockPlaceholder from './BlockPlaceholder.vue';
import { useDataSource } from './context';
import type { RenderScope } from './scope';

/**
 * Catches any error thrown while rendering one block (a broken prop, a bug in a primitive)
 * so that block shows a small placeholder and the rest of the page still renders.
 */
export const BlockBoundary = defineComponent({
  name: 'BlockBoundary',
  props: {
    type: { type: String, required: true },
    scope: { type: Object as PropType<RenderScope>, required: true },
  },
  setup(props, { slots }) {
    const source = useDataSource();
    const failed = ref(false);
    onErrorCaptured((err) => {
      failed.value = true;
      source.onBlockError?.({
        type: props.type,
        plugin: props.scope.plugin?.id,
        view: props.scope.plugin?.viewId,
        message: err instanceof Error ? err.message : String(err),
      });
      return false;
    });
    return () => (failed.value ? h(BlockPlaceholder, { type: props.type }) : slots.default?.());
  },
});

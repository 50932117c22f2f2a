import type { ViewNode } from '@scene/schema';
import { defineComponent, h, type PropType } from 'vue';
import { NodeRenderer } from './NodeRenderer';
import type { RenderScope } from './scope';

/** Renders a node's children in order with one scope. */
const NodeChildren = defineComponent({
  name: 'NodeChildren',
  props: {
    nodes: { type: Array as PropType<ViewNode[] | undefined>, default: undefined },
    scope: { type: Object as PropType<RenderScope>, required: true },
  },
  setup(props) {
    return () =>
      (Array.isArray(props.nodes) ? props.nodes : []).map((node, i) =>
        h(NodeRenderer, { key: i, node, scope: props.scope }),
      );
  },
});

export default NodeChildren;

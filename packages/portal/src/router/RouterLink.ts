import { computed, defineComponent, h, type PropType } from 'vue';
import { useRouter, type RouteLocation } from './router';

/**
 * A link to a route: a real `<a href>` (opens in a new tab, reads as a link), followed in place
 * on a plain click. The link to the page on screen says so (`aria-current="page"`).
 */
export const RouterLink = defineComponent({
  name: 'RouterLink',
  props: {
    to: { type: [String, Object] as PropType<RouteLocation>, required: true },
  },
  setup(props, { slots }) {
    const router = useRouter();
    const target = computed(() => router.resolve(props.to));
    const follow = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
        return;
      e.preventDefault();
      void router.push(props.to);
    };
    return () =>
      h(
        'a',
        {
          href: target.value.href,
          'aria-current': target.value.fullPath === router.route.fullPath ? 'page' : undefined,
          onClick: follow,
        },
        slots.default?.(),
      );
  },
});

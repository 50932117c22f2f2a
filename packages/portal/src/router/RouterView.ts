import { defineComponent, h } from 'vue';
import { useRouter } from './router';

/** The current route's page, with the props its route gives it. */
export const RouterView = defineComponent({
  name: 'RouterView',
  setup() {
    const router = useRouter();
    return () => {
      const view = router.view;
      if (!view) return null;
      const { props } = view.record;
      return h(view.component, typeof props === 'function' ? props(router.route) : props);
    };
  },
});

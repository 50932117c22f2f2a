import { defineComponent, h, onBeforeUnmount, shallowRef, watch } from 'vue';

/**
 * The last outcome of an action, said once more where it cannot vanish: an action often
 * changes its record so that the button or form that ran it is no longer shown (a rated
 * repair has no rating form), and its own confirmation would go with it.
 */
export const announcement = shallowRef<{ text: string; at: number } | null>(null);

export function announce(text: string): void {
  if (text) announcement.value = { text, at: Date.now() };
}

/** Shows the latest announcement for a few seconds in a polite live region. */
export const Announcer = defineComponent({
  name: 'SceneAnnouncer',
  setup() {
    const shown = shallowRef('');
    let timer: ReturnType<typeof setTimeout> | undefined;
    watch(announcement, (a) => {
      shown.value = a?.text ?? '';
      clearTimeout(timer);
      timer = setTimeout(() => (shown.value = ''), 5000);
    });
    onBeforeUnmount(() => clearTimeout(timer));
    return () =>
      h(
        'div',
        {
          class: 'sp-announcer',
          role: 'status',
          'aria-live': 'polite',
          'data-testid': 'announcer',
        },
        shown.value ? [h('p', shown.value)] : [],
      );
  },
});

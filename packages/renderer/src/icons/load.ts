import { trackLoad } from '@scene/forms/busy';
import { shallowRef } from 'vue';
import type { IconKey } from './names';
import type { IconNode } from './set';

/** The drawings, once loaded; every SpIcon redraws when they arrive. */
export const drawings = shallowRef<Readonly<Record<IconKey, IconNode>>>();
let loading: Promise<void> | undefined;

/** Loads the icon drawings once (a small chunk of their own, requested by the first icon). */
export function loadIcons(): Promise<void> {
  // A load the page waits for: its icons are part of what it draws.
  loading ??= trackLoad(
    import('./set').then((m) => {
      drawings.value = m.icons;
    }),
  );
  return loading;
}

import { localize, type ActionDef } from '@scene/schema';
import { computed } from 'vue';
import type { DataSource } from './data-source';
import { useLoader } from './loaders';

/**
 * A create action's pause after repeated records (`guard`: 3 no-shows in 30 days pause bookings
 * for 14 days): the plugin's words naming the day it opens again, shown instead of the form, so
 * a paused resident reads why and until when rather than choosing a slot the server refuses.
 * Asked once mounted (never while the server draws the page); asked again when a booking is
 * refused as paused (the pause began while the page was open), and for the family member the form
 * acts for once one is chosen (the server counts their no-shows). The server checks on every call.
 */
export function usePause(
  source: DataSource,
  plugin: () => string,
  actionId: () => string,
  action: () => ActionDef | undefined,
  forWhom: () => string | undefined,
) {
  const loader = useLoader(async () => {
    const a = action();
    if (!source.user || !source.pause || a?.type !== 'create' || !a.guard) return null;
    const person = forWhom();
    return source.pause({
      plugin: plugin(),
      action: actionId(),
      ...(person ? { for: person } : {}),
    });
  }, forWhom);
  const words = computed(() => {
    const p = loader.data.value;
    return p?.until ? localize(p.message, source.locale) : '';
  });
  return {
    /** The plugin's words while paused; '' otherwise. */
    words,
    /** After a refused call: looks again when the server said `paused`. */
    refused(error: unknown) {
      const code = (error as { details?: { code?: unknown } } | undefined)?.details?.code;
      if (code === 'paused') void loader.reload();
    },
  };
}

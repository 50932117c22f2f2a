import { ref } from 'vue';

const THRESHOLD = 64;

/**
 * Pull-to-refresh for touch screens: pulling down from the top of the page past a threshold
 * calls `refresh`. A visible refresh button does the same for everyone else.
 */
export function usePullToRefresh(refresh: () => Promise<void>) {
  const distance = ref(0);
  let startY: number | null = null;
  const onTouchstart = (e: TouchEvent) => {
    startY = (globalThis.scrollY ?? 0) <= 0 ? (e.touches[0]?.clientY ?? null) : null;
  };
  const onTouchmove = (e: TouchEvent) => {
    if (startY === null) return;
    distance.value = Math.max(0, Math.min(96, (e.touches[0]?.clientY ?? startY) - startY));
  };
  const onTouchend = async () => {
    const pulled = distance.value >= THRESHOLD;
    startY = null;
    distance.value = 0;
    if (pulled) await refresh();
  };
  return {
    distance,
    ready: () => distance.value >= THRESHOLD,
    handlers: { touchstart: onTouchstart, touchmove: onTouchmove, touchend: onTouchend },
  };
}

import { readonly, ref, type Ref } from 'vue';

// What a page is still waiting for — a part's code, the answer to a data request — counted in one
// place, so an app can say that its page is not complete yet (the portal's `aria-busy` on its
// main region: a screen reader waits for the page instead of reading half of it, and a test
// knows when the page has drawn what it will draw). It lives beside `lazyComponent`, the lowest
// part that the renderer and the apps share, because component code is one of those loads.

const inFlight = ref(0);

/** How many loads are on their way; above 0, what is on screen is still coming. */
export const loadsInFlight: Readonly<Ref<number>> = readonly(inFlight);

/**
 * Counts one load until `done()` is called (once; later calls do nothing). The count drops a
 * task later, not at once: what a load brings is drawn, and the loads that drawing starts (a
 * part's code, then that part's data) are counted, before the page can read as complete.
 */
export function startLoad(): () => void {
  // On the server nothing is mounted and nothing completes: there is no page to be busy.
  if (typeof window === 'undefined') return () => undefined;
  inFlight.value++;
  let open = true;
  return () => {
    if (!open) return;
    open = false;
    window.setTimeout(() => inFlight.value--, 0);
  };
}

/** Counts `work` as a load until it settles; returns it unchanged. */
export function trackLoad<T>(work: Promise<T>): Promise<T> {
  const done = startLoad();
  work.then(done, done);
  return work;
}

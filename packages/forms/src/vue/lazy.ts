import { defineAsyncComponent, type AsyncComponentLoader, type Component } from 'vue';
import { startLoad, trackLoad } from './busy';

/** Quick tries of a fetch that failed while the phone said it was online (a flaky network). */
const ONLINE_RETRIES = 2;
const RETRY_AFTER_MS = 1_000;

/**
 * A component whose code is fetched on first use, for the resident portal's phones, whose
 * network comes and goes. A fetch that fails while the phone is offline is tried again once it
 * is back online instead of failing:
 * - a part the server drew stays on the page and starts to answer taps when its code comes
 *   (Vue hydrates a lazy component after loading it and leaves a failed load unhandled: an
 *   uncaught error, and the part never hydrates);
 * - a part drawn offline appears when the network returns (the portal says it is offline).
 * Online, a failed fetch is tried twice more, a second apart; then the error goes to the
 * nearest error boundary (a block's placeholder), as a plain `defineAsyncComponent` does.
 * Each fetch, and the wait before an online retry, counts as a load in flight (`busy.ts`).
 */
export function lazyComponent<T extends Component>(loader: AsyncComponentLoader<T>): T {
  return defineAsyncComponent<T>({
    loader: () => trackLoad(loader()),
    onError(_err, retry, fail, attempts) {
      if (typeof window === 'undefined') return fail();
      if (!window.navigator.onLine) {
        window.addEventListener('online', () => retry(), { once: true });
        return;
      }
      if (attempts > ONLINE_RETRIES) return fail();
      const waiting = startLoad();
      setTimeout(() => {
        retry();
        waiting();
      }, RETRY_AFTER_MS);
    },
  });
}

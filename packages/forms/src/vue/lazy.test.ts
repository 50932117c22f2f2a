/* eslint-disable vue/one-component-per-file -- each case mounts its own small app around the part under test */
import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, createSSRApp, defineComponent, h, onErrorCaptured, ref } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { lazyComponent } from './lazy';

// A phone loses its network while a page's parts are still fetching their code: the part must
// come once the network is back, and nothing may throw meanwhile.

const Counter = defineComponent({
  setup() {
    const n = ref(0);
    return () => h('button', { onClick: () => n.value++ }, `pressed ${n.value}`);
  },
});

/** A loader that fails `failures` times (as `import()` does offline), then gives Counter. */
function flaky(failures: number) {
  let calls = 0;
  const load = vi.fn(async () => {
    if (calls++ < failures) throw new TypeError('Failed to fetch dynamically imported module');
    return Counter;
  });
  return load;
}

let online = true;
vi.spyOn(window.navigator, 'onLine', 'get').mockImplementation(() => online);
const goOnline = () => {
  online = true;
  window.dispatchEvent(new Event('online'));
};
afterEach(() => {
  online = true;
  document.body.innerHTML = '';
});

describe('a lazily loaded part', () => {
  it('drawn while offline appears once the network is back', async () => {
    online = false;
    const load = flaky(1);
    const root = document.createElement('div');
    createApp({ render: () => h(lazyComponent(load)) }).mount(root);
    await flushPromises();
    expect(root.textContent).toBe('');
    goOnline();
    await flushPromises();
    expect(load).toHaveBeenCalledTimes(2);
    expect(root.textContent).toBe('pressed 0');
  });

  it('drawn by the server and hydrated offline waits for the network, then answers taps', async () => {
    const html = await renderToString(createSSRApp({ render: () => h('main', [h(Counter)]) }));
    const root = document.createElement('div');
    root.innerHTML = html;
    document.body.append(root);
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      online = false;
      const load = flaky(1);
      const Lazy = lazyComponent(load);
      createSSRApp({ render: () => h('main', [h(Lazy)]) }).mount(root);
      await flushPromises();
      // The server's drawing stays; its code has not come.
      expect(root.textContent).toBe('pressed 0');
      goOnline();
      await flushPromises();
      root.querySelector('button')!.click();
      await flushPromises();
      expect(root.textContent).toBe('pressed 1');
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('that fails online is tried twice more, then reaches the nearest error boundary', async () => {
    vi.useFakeTimers();
    try {
      const load = flaky(Infinity);
      const caught: unknown[] = [];
      const Boundary = defineComponent({
        setup(_, { slots }) {
          onErrorCaptured((err) => {
            caught.push(err);
            return false;
          });
          return () => slots.default?.();
        },
      });
      const Lazy = lazyComponent(load);
      createApp({ render: () => h(Boundary, () => h(Lazy)) }).mount(document.createElement('div'));
      await vi.runAllTimersAsync();
      expect(load).toHaveBeenCalledTimes(3);
      expect(caught).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('that comes on a retry online is drawn', async () => {
    vi.useFakeTimers();
    try {
      const root = document.createElement('div');
      createApp({ render: () => h(lazyComponent(flaky(2))) }).mount(root);
      await vi.runAllTimersAsync();
      expect(root.textContent).toBe('pressed 0');
    } finally {
      vi.useRealTimers();
    }
  });
});

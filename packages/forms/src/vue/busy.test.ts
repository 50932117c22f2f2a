/* eslint-disable vue/one-component-per-file -- the lazy part's case mounts a small app around it */
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { loadsInFlight, startLoad, trackLoad } from './busy';
import { lazyComponent } from './lazy';

// An app says its page is busy while loadsInFlight is above 0: it must not read 0 between one
// load and the load that its result starts, and must come back to 0 once all have come.

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('loads in flight', () => {
  it('counts a load until a task after it settles, failed or not', async () => {
    let settle!: (ok: boolean) => void;
    const work = new Promise<void>((resolve, reject) => {
      settle = (ok) => (ok ? resolve() : reject(new Error('gone')));
    });
    const other = trackLoad(Promise.reject(new Error('offline'))).catch(() => undefined);
    void trackLoad(work).catch(() => undefined);
    expect(loadsInFlight.value).toBe(2);
    await other;
    settle(false);
    await flushPromises();
    // Settled, but what they bring may start the next load first.
    expect(loadsInFlight.value).toBe(2);
    await nextTask();
    expect(loadsInFlight.value).toBe(0);
  });

  it('does not read 0 between a load and the one its result starts', async () => {
    let finish!: () => void;
    void trackLoad(Promise.resolve()).then(() =>
      trackLoad(new Promise<void>((resolve) => (finish = resolve))),
    );
    for (let task = 0; task < 3; task++) {
      await nextTask();
      expect(loadsInFlight.value).toBeGreaterThan(0);
    }
    // The first has ended; the one it started is still on its way.
    expect(loadsInFlight.value).toBe(1);
    finish();
    await flushPromises();
    await nextTask();
    expect(loadsInFlight.value).toBe(0);
  });

  it('ends a started load once, however often it is told', async () => {
    const done = startLoad();
    done();
    done();
    await nextTask();
    expect(loadsInFlight.value).toBe(0);
  });

  it("counts a lazy part's code until the part is drawn", async () => {
    let arrive!: () => void;
    const Part = lazyComponent(
      () =>
        new Promise<ReturnType<typeof defineComponent>>((resolve) => {
          arrive = () => resolve(defineComponent({ render: () => h('p', 'here') }));
        }),
    );
    const wrapper = mount(defineComponent({ render: () => h('div', [h(Part)]) }));
    expect(loadsInFlight.value).toBe(1);
    arrive();
    await flushPromises();
    expect(wrapper.text()).toBe('here');
    await nextTask();
    expect(loadsInFlight.value).toBe(0);
    wrapper.unmount();
  });
});

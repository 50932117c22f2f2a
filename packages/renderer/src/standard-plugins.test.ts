import { standardPluginEntries } from '@scene/plugins';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { settle } from './test/mount';
import { widgets } from '@scene/forms/vant';
import { provideDataSource, provideFormWidgets } from './context';
import { createFixtureSource, fixtureDataFor } from './fixture-source';
import { ViewRenderer } from './ViewRenderer';

/**
 * Every view of every standard plugin renders with its fixtures (as the studio preview shows
 * them) for a resident and for staff, without a single block falling back to the placeholder.
 */
describe('standard plugins render', () => {
  const users = {
    resident: { id: 'u_res_zhang', displayName: '张阿姨', roles: ['resident'] },
    staff: { id: 'u_staff', displayName: '李师傅', roles: ['staff', 'operator'] },
  };
  for (const { manifest, fixtures } of standardPluginEntries) {
    for (const view of manifest.views) {
      const who = view.surface === 'staff' ? 'staff' : 'resident';
      it(`${manifest.id} / ${view.id} (${who})`, async () => {
        const data = fixtureDataFor(manifest, fixtures.records);
        const firstId = Object.values(data.lists)[0]?.[0]?._id;
        const source = createFixtureSource({ ...data, user: users[who] });
        const wrapper = mount(
          defineComponent({
            setup() {
              provideDataSource(source);
              provideFormWidgets(async () => widgets);
              return () =>
                h(ViewRenderer, {
                  manifest,
                  view: view.id,
                  config: fixtures.config,
                  routeId: firstId,
                });
            },
          }),
        );
        await flushPromises();
        await settle();
        expect(source.blockErrors).toEqual([]);
        expect(wrapper.find('[data-block-error]').exists()).toBe(false);
        expect(wrapper.text().length).toBeGreaterThan(0);
        wrapper.unmount();
      });
    }
  }
});

import { standardPluginEntries } from '@scene/plugins';
import type { PluginManifest, VendorSchema } from '@scene/schema';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { settle } from './test/mount';
import { widgets } from '@scene/forms/vant';
import { provideDataSource, provideFormWidgets } from './context';
import { createFixtureSource, fixtureDataFor } from './fixture-source';
import { ViewRenderer } from './ViewRenderer';

/**
 * Values a person must never see as they are stored: enum values that have labels (and codes
 * such as `lunch` that should), workflow state ids, and the ids of options an operator
 * configured whose names differ from them.
 */
function rawValues(manifest: PluginManifest, config: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  const walk = (s: VendorSchema | undefined): void => {
    if (!s) return;
    for (const v of s.enum ?? [])
      if (typeof v === 'string' && (s['x-labels'] || /^[a-z][a-zA-Z0-9_-]*$/.test(v))) out.add(v);
    const options = s['x-options'];
    const list = options && config[options.bind.replace(/^config\./, '')];
    if (options && Array.isArray(list))
      for (const entry of list as Record<string, unknown>[]) {
        const id = entry[options.value];
        if (typeof id === 'string' && entry[options.label] !== id) out.add(id);
      }
    Object.values(s.properties ?? {}).forEach(walk);
    Object.values(s.$defs ?? {}).forEach(walk);
    walk(s.items);
  };
  walk(manifest.config);
  for (const c of Object.values(manifest.collections)) {
    walk(c.schema);
    for (const state of c.workflow?.states ?? []) out.add(state.id);
  }
  for (const a of Object.values(manifest.actions)) walk(a.input);
  return out;
}

/** Whole-word occurrences of stored values, and ISO dates or timestamps, in visible text. */
function rawOnScreen(text: string, raw: Set<string>): string[] {
  const found = [...raw].filter((v) =>
    new RegExp(
      `(^|[^A-Za-z0-9_-])${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_-])`,
    ).test(text),
  );
  return [...found, ...(text.match(/\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?/g) ?? [])];
}

/**
 * Every view of every standard plugin renders with its fixtures (as the studio preview shows
 * them) for a resident and for staff, without a single block falling back to the placeholder,
 * and without a stored value or an ISO date where a person reads it.
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
        expect(rawOnScreen(wrapper.text(), rawValues(manifest, fixtures.config))).toEqual([]);
        wrapper.unmount();
      });
    }
  }
});

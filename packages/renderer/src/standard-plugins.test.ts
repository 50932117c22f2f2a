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

/**
 * What a person reads, one piece per text node or read-out attribute: the wrapper's `text()`
 * runs neighbouring elements together ("roompublic" for two radio labels), which would hide a
 * stored value from the whole-word match below.
 */
function readPieces(root: Element): string[] {
  const out: string[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n.textContent?.trim();
    if (t) out.push(t);
  }
  for (const el of root.querySelectorAll('[placeholder], [aria-label], [title], [alt]'))
    for (const a of ['placeholder', 'aria-label', 'title', 'alt']) {
      const v = el.getAttribute(a)?.trim();
      if (v) out.push(v);
    }
  return out;
}

/**
 * Stored values, and ISO dates or timestamps, in what a person reads. Chinese text: any
 * whole-word occurrence. English prose uses the same words as the codes ("call by phone",
 * "done"), so there a piece that is the stored value alone (a badge, a cell, the value after a
 * text's label, which is a text node of its own) is what gives a missing label away.
 */
function rawOnScreen(pieces: string[], raw: Set<string>, locale: 'zh-CN' | 'en'): string[] {
  const found = new Set<string>();
  for (const text of pieces) {
    for (const v of raw) {
      const word = v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const shown =
        locale === 'en'
          ? new RegExp(`^${word}$`)
          : new RegExp(`(^|[^A-Za-z0-9_-])${word}($|[^A-Za-z0-9_-])`);
      if (shown.test(text)) found.add(v);
    }
    for (const iso of text.match(/\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?/g) ?? []) found.add(iso);
  }
  return [...found];
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
      // Both languages: an English reader must not get the stored codes a Chinese one is spared.
      it.each(['zh-CN', 'en'] as const)(
        `${manifest.id} / ${view.id} (${who}, %s)`,
        async (locale) => {
          const data = fixtureDataFor(manifest, fixtures.records);
          const firstId = Object.values(data.lists)[0]?.[0]?._id;
          const source = createFixtureSource({ ...data, user: users[who], locale });
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
          expect(
            rawOnScreen(readPieces(wrapper.element), rawValues(manifest, fixtures.config), locale),
          ).toEqual([]);
          wrapper.unmount();
        },
        // A loaded machine takes seconds to mount the largest views.
        30_000,
      );
    }
  }
});

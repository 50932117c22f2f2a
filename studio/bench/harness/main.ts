// Bench page: the studio's real preview (PhonePreview → @scene/renderer's PortalRenderer) over the
// studio's real document store, with a 300-block home page. The bench drives `run()` from Chromium.
import { createApp, defineComponent, h, nextTick } from 'vue';
import { createPinia } from 'pinia';
import type { Block, Portal } from '@scene/schema';
import { standardPluginEntries } from '@scene/plugins';
import type { InstalledPlugin } from '@scene/renderer';
import PhonePreview from '../../src/preview/PhonePreview.vue';
import { fixtureData } from '../../src/preview/fixtures';
import { createStudioI18n } from '../../src/i18n';
import { setBlockValues } from '../../src/editor/commands';
import { usePortalDocStore } from '../../src/stores/portal-doc';

const BLOCKS = 300;
const views = standardPluginEntries.flatMap((e) =>
  e.manifest.views
    .filter((v) => v.slot === 'block')
    .map((v) => ({ plugin: e.manifest.id, view: v.id })),
);
const blocks: Block[] = Array.from({ length: BLOCKS }, (_, i) => {
  const v =
    i === BLOCKS / 2 ? { plugin: 'std.notice-board', view: 'home-card' } : views[i % views.length]!;
  return { id: `b-${i}`, kind: 'plugin', plugin: v.plugin, view: v.view, config: {} };
});
const portal: Portal = {
  portalVersion: 1,
  theme: { primaryColor: '#1d5fd6' },
  tabs: [
    { id: 'home', title: { 'zh-CN': '首页', en: 'Home' }, icon: 'home', page: 'home' },
    { id: 'me', title: { 'zh-CN': '我的', en: 'Me' }, icon: 'user', page: 'me' },
  ],
  pages: [
    { id: 'home', title: { 'zh-CN': '首页', en: 'Home' }, blocks },
    { id: 'me', title: { 'zh-CN': '我的', en: 'Me' }, blocks: [] },
  ],
};
const plugins: Record<string, InstalledPlugin> = Object.fromEntries(
  standardPluginEntries.map((e) => [
    e.manifest.id,
    { manifest: e.manifest, config: e.fixtures.config },
  ]),
);

const pinia = createPinia();
const app = createApp(
  defineComponent(() => {
    const doc = usePortalDocStore();
    const fixtures = fixtureData(standardPluginEntries);
    return () => h(PhonePreview, { portal: doc.portal!, pageId: 'home', plugins, fixtures });
  }),
);
app.use(pinia).use(createStudioI18n('zh-CN'));
const doc = usePortalDocStore(pinia);
doc.load(portal);
app.mount('#app');

const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

/** One edit's time and where it went (ms): the store's apply, Vue's patch, style + layout. */
export interface Sample {
  total: number;
  store: number;
  patch: number;
  layout: number;
}

/**
 * Edits the middle block's title `n` times; each sample is edit → DOM patched → layout done,
 * started at the beginning of a frame as a keystroke would be. That the preview shows the edit
 * is checked after the clock stops, on the edited block alone: reading the whole page's text
 * (300 blocks) inside the sample had cost more than the patch it was checking.
 */
async function run(n: number): Promise<{ samples: Sample[]; rendered: number }> {
  const target = `b-${BLOCKS / 2}`;
  const samples: Sample[] = [];
  for (let i = 0; i < n; i++) {
    await frame();
    const title = `标题 ${i}`;
    const t0 = performance.now();
    setBlockValues(doc, target, { title });
    const t1 = performance.now();
    await nextTick();
    const t2 = performance.now();
    void document.body.offsetHeight; // style + layout, the rest of the frame's work
    const t3 = performance.now();
    samples.push({ total: t3 - t0, store: t1 - t0, patch: t2 - t1, layout: t3 - t2 });
    if (!edited(title)) throw new Error(`preview missed edit ${i}`);
  }
  return { samples, rendered: document.querySelectorAll('.phone__body > .sp-page > *').length };
}

/** Whether the preview's notice-board card (the edited block) shows `title`. */
function edited(title: string): boolean {
  return [...document.querySelectorAll('[data-view="std.notice-board/home-card"]')].some((el) =>
    el.textContent?.includes(title),
  );
}

(window as unknown as { bench: { run: typeof run } }).bench = { run };

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

/** Edits the middle block's title `n` times; each sample is edit → DOM patched → layout done. */
async function run(n: number): Promise<{ samples: number[]; rendered: number }> {
  const target = `b-${BLOCKS / 2}`;
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    await frame();
    const title = `标题 ${i}`;
    performance.mark('edit');
    const t0 = performance.now();
    setBlockValues(doc, target, { title });
    await nextTick();
    if (!document.body.textContent?.includes(title)) throw new Error(`preview missed edit ${i}`);
    void document.body.offsetHeight; // style + layout, the rest of the frame's work
    samples.push(performance.now() - t0);
    performance.measure('edit-to-preview', 'edit');
  }
  return { samples, rendered: document.querySelectorAll('.phone__body > .sp-page > *').length };
}

(window as unknown as { bench: { run: typeof run } }).bench = { run };

import { beforeEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { nextTick } from 'vue';
import { standardPluginEntries } from '@scene/plugins';
import type { Installation } from '@scene/client';
import { createStudioI18n } from '../../i18n';
import { LAYOUT_ENTRIES, PALETTE_PRIMITIVES, useCatalogStore } from '../../stores/catalog';
import { usePortalDocStore } from '../../stores/portal-doc';
import { useSelectionStore } from '../../stores/selection';
import { primitiveCatalog } from '@scene/schema';
import { PRIMITIVE_NAMES, PROP_NAMES } from '../../editor/block-names';
import { findBlock } from '../../editor/blocks';
import { primitiveForm } from '../../editor/primitive-form';
import { setBlockValues } from '../../editor/commands';
import { samplePortal } from '../../testing/portal-fixture';
import PhonePreview from '../../preview/PhonePreview.vue';
import BlockPalette from '../BlockPalette.vue';
import HistorySteps from '../HistorySteps.vue';
import PropertyPanel from '../panel/PropertyPanel.vue';
import PreviewCanvas from './PreviewCanvas.vue';

let pinia: Pinia;
beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
});
const i18n = (locale: 'zh-CN' | 'en' = 'zh-CN') => ({
  global: { plugins: [pinia, createStudioI18n(locale)] },
});
const installations: Installation[] = standardPluginEntries.map((e) => ({
  pluginId: e.manifest.id,
  version: e.manifest.version,
  status: 'active',
  pinned: false,
  grantedPermissions: [],
  schedules: {},
  installedAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  manifest: e.manifest,
  config: e.fixtures.config,
}));

function setUp() {
  const doc = usePortalDocStore();
  doc.load(samplePortal());
  useCatalogStore().installations = installations;
  const selection = useSelectionStore();
  selection.reset('home');
  return { doc, selection };
}

function mountPreview() {
  const { doc } = setUp();
  const plugins = Object.fromEntries(
    installations.map((i) => [i.pluginId, { manifest: i.manifest!, config: {} }]),
  );
  return mount(
    {
      components: { PhonePreview, PreviewCanvas },
      setup: () => ({ doc, plugins }),
      template: `<PhonePreview :portal="doc.portal" page-id="home" :plugins="plugins">
        <template #page="{ page }"><PreviewCanvas :page="page" :plugins="plugins" /></template>
      </PhonePreview>`,
    },
    i18n(),
  );
}

describe('the phone preview as the canvas', () => {
  it('selects a block by clicking what residents see, and draws it as residents get it', async () => {
    const wrapper = mountPreview();
    await flushPromises();
    const picks = wrapper.findAll('[data-testid="preview-block"]');
    expect(picks.map((p) => p.attributes('data-block-id'))).toEqual(['notices', 'box']);
    expect(picks[0]!.text()).toContain('社区公告');
    // What the renderer draws is inert: its buttons are residents', not the editor's.
    expect(picks[0]!.get('.preview-pick__content').attributes()).toHaveProperty('inert');
    await picks[1]!.trigger('click');
    expect(useSelectionStore().blockId).toBe('box');
    expect(picks[1]!.classes()).toContain('is-selected');
    expect(picks[1]!.attributes('aria-pressed')).toBe('true');
  });

  it('moves and removes the focused block from the keyboard, one history step each', async () => {
    const wrapper = mountPreview();
    await flushPromises();
    const doc = usePortalDocStore();
    await wrapper
      .get('[data-block-id="notices"]')
      .trigger('keydown', { key: 'ArrowDown', altKey: true });
    expect(doc.portal!.pages[0]!.blocks.map((b) => b.id)).toEqual(['box', 'notices']);
    // Past the end nothing moves and no empty step is recorded.
    await nextTick();
    await wrapper
      .get('[data-block-id="notices"]')
      .trigger('keydown', { key: 'ArrowDown', altKey: true });
    expect(doc.past).toHaveLength(1);
    await wrapper.get('[data-block-id="box"]').trigger('keydown', { key: 'Delete' });
    expect(doc.portal!.pages[0]!.blocks.map((b) => b.id)).toEqual(['notices']);
    const steps = mount(HistorySteps, i18n());
    expect(steps.findAll('[data-testid="history-step"]').map((s) => s.text())).toEqual([
      '移动 社区公告',
      '删除 纵向容器',
    ]);
  });

  it('shows the community culture above the home page, as the portal does', async () => {
    const { doc } = setUp();
    doc.portal!.theme.culture = {
      title: { 'zh-CN': '和美翠苑', en: 'Harmony' },
      text: { 'zh-CN': '邻里互助', en: 'Neighbours help' },
    };
    const wrapper = mount(PhonePreview, {
      props: { portal: doc.portal!, pageId: 'home', plugins: {} },
      ...i18n(),
    });
    expect(wrapper.get('[data-testid="preview-culture"]').text()).toContain('邻里互助');
    await wrapper.setProps({ pageId: 'me' });
    expect(wrapper.find('[data-testid="preview-culture"]').exists()).toBe(false);
  });
});

describe('the palette from the keyboard', () => {
  it('adds the focused entry after the selected block and selects it', async () => {
    const { doc, selection } = setUp();
    selection.selectBlock('notices');
    const wrapper = mount(BlockPalette, i18n());
    const heading = wrapper.get('[data-entry="p:heading"]');
    expect(heading.attributes('tabindex')).toBe('0');
    expect(heading.attributes('role')).toBe('button');
    await heading.trigger('keydown', { key: 'Enter' });
    const ids = doc.portal!.pages[0]!.blocks.map((b) => b.id);
    expect(ids).toEqual(['notices', 'heading', 'box']);
    expect(selection.blockId).toBe('heading');
  });
});

describe('the property form of a primitive', () => {
  it('edits a heading through fields generated from its props schema', async () => {
    const { doc, selection } = setUp();
    selection.selectBlock('hello');
    doc.apply(
      [
        {
          op: 'replace',
          path: ['pages', 0, 'blocks', 1, 'children', 0, 'props', 'text'],
          value: { 'zh-CN': '你好', en: 'Hello' },
        },
      ],
      { key: 'codeBlock' },
    );
    const wrapper = mount(PropertyPanel, i18n());
    await flushPromises();
    expect(wrapper.get('[data-testid="property-title"]').text()).toContain('标题「你好」');
    const labels = wrapper.findAll('label, legend').map((l) => l.text());
    expect(labels.join(' ')).toContain('文字');
    expect(labels.join(' ')).toContain('级别');
    const zh = wrapper.get('[data-pointer="/text/zh-CN"] input');
    expect((zh.element as HTMLInputElement).value).toBe('你好');
    await zh.setValue('欢迎回家');
    await flushPromises();
    const heading = findBlock(doc.portal!, 'hello')!.block;
    expect(heading.kind === 'primitive' && heading.props?.text).toEqual({
      'zh-CN': '欢迎回家',
      en: 'Hello',
    });
    const steps = mount(HistorySteps, i18n());
    expect(steps.findAll('[data-testid="history-step"]').at(-1)!.text()).toBe(
      '修改 标题「你好」 的 文字',
    );
  });

  it('leaves a bound prop to the code tab and keeps its binding', async () => {
    const { doc, selection } = setUp();
    doc.apply(
      [
        {
          op: 'add',
          path: ['pages', 1, 'blocks', 0],
          value: {
            id: 'who',
            kind: 'primitive',
            type: 'text',
            props: { text: { bind: 'user.displayName' }, size: 'lg' },
          },
        },
      ],
      { key: 'codeBlock' },
    );
    selection.selectPage('me');
    selection.selectBlock('who');
    const wrapper = mount(PropertyPanel, i18n('en'));
    await flushPromises();
    expect(wrapper.text()).toContain('Text: edited in code.');
    setBlockValues(doc, 'who', { text: { bind: 'user.displayName' }, size: 'sm' });
    const block = doc.portal!.pages[1]!.blocks[0]!;
    expect(block.kind === 'primitive' && block.props).toEqual({
      text: { bind: 'user.displayName' },
      size: 'sm',
    });
  });

  it('names a plugin block config edit in words: the block and the field, not a field list', async () => {
    const { doc, selection } = setUp();
    selection.selectBlock('notices');
    setBlockValues(doc, 'notices', { title: '小区公告' });
    const steps = mount(HistorySteps, i18n());
    await flushPromises();
    expect(steps.findAll('[data-testid="history-step"]').at(-1)!.text()).toBe(
      '修改 社区公告 的 组件标题',
    );
  });

  // Walks the catalogue: a primitive added to it as a block is covered without touching this test.
  const blockTypes = Object.entries(primitiveCatalog)
    .filter(([, spec]) => spec.portalBlock)
    .map(([type]) => type);
  const both = (zh: string, en: string) => ({ 'zh-CN': zh, en });
  /** Props for the block primitives the palette does not offer (they need input to be valid). */
  const codeTabProps: Record<string, Record<string, unknown>> = {
    image: { src: 'https://example.com/a.png', alt: both('图', 'Picture') },
    'entry-grid': {
      items: [{ icon: 'home', label: both('入口', 'Entry'), navigate: { view: 'x' } }],
    },
    tabs: {},
  };

  it.each(blockTypes)('a %s block opens its generated property form in the panel', async (type) => {
    const { doc, selection } = setUp();
    const entry = LAYOUT_ENTRIES.find((e) => e.type === type);
    const block = entry
      ? { ...useCatalogStore().blockFor(entry), id: 'picked' }
      : { id: 'picked', kind: 'primitive', type, props: codeTabProps[type] ?? {} };
    doc.apply([{ op: 'add', path: ['pages', 1, 'blocks', 0], value: block }], {
      key: 'codeBlock',
    });
    selection.selectPage('me');
    selection.selectBlock('picked');
    const wrapper = mount(PropertyPanel, i18n());
    await flushPromises();
    expect(wrapper.get('[data-testid="property-title"]').text()).toContain(
      PRIMITIVE_NAMES[type]!['zh-CN'],
    );
    // A field per prop the form edits, none of them a JSON fallback; a new palette block is valid.
    const form = primitiveForm(type)!;
    for (const key of Object.keys(form.schema.properties ?? {}))
      expect(wrapper.find(`[data-pointer="/${key}"]`).exists(), `${type}.${key}`).toBe(true);
    expect(wrapper.findAll('.sf-field--json')).toHaveLength(0);
    expect(wrapper.text()).not.toContain('JSON');
    if (entry) expect(wrapper.text()).not.toContain('处需要修改');
  });

  it('offers every block primitive in the palette but the three that need input first', () => {
    expect([...PALETTE_PRIMITIVES].sort()).toEqual(
      blockTypes.filter((t) => !(t in codeTabProps)).sort(),
    );
  });

  it('names every primitive, every prop and every choice of the catalog in words', () => {
    const missing: string[] = [];
    for (const [type, spec] of Object.entries(primitiveCatalog)) {
      if (!PRIMITIVE_NAMES[type]) missing.push(type);
      const form = primitiveForm(type)!;
      for (const [key, field] of Object.entries(form.schema.properties ?? {})) {
        if (!PROP_NAMES[key]) missing.push(`${type}.${key}`);
        // Icons are chosen by their picture; every other choice needs words.
        if (field.enum && key !== 'icon' && !field['x-labels']) missing.push(`${type}.${key}=`);
      }
      expect(Object.keys(form.schema.properties ?? {}).length + form.codeOnly.length).toBe(
        Object.keys((spec.props.properties as object) ?? {}).length,
      );
    }
    expect(missing).toEqual([]);
    expect(LAYOUT_ENTRIES.map((e) => e.title)).toContain(PRIMITIVE_NAMES.heading);
  });
});

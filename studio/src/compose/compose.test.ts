import { beforeEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { nextTick } from 'vue';
import { standardPluginEntries } from '@scene/plugins';
import type { Installation } from '@scene/client';
import { createStudioI18n } from '../i18n';
import { setBlockValues } from '../editor/commands';
import PhonePreview from '../preview/PhonePreview.vue';
import { useCatalogStore } from '../stores/catalog';
import { usePortalDocStore } from '../stores/portal-doc';
import { noticeBlock, samplePortal } from '../testing/portal-fixture';
import BlockPalette from './BlockPalette.vue';
import CanvasBlock from './canvas/CanvasBlock.vue';
import HistorySteps from './HistorySteps.vue';
import { historyCommand } from './undo-keys';

let pinia: Pinia;
beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
});
const plugins = () => ({ global: { plugins: [pinia, createStudioI18n('zh-CN')] } });
const installations: Installation[] = standardPluginEntries.map((e) => ({
  pluginId: e.manifest.id,
  version: e.manifest.version,
  status: 'active',
  pinned: false,
  grantedPermissions: e.manifest.permissions.map((p) => p.scope),
  installedAt: '2025-01-01T00:00:00.000Z',
  schedules: {},
  updatedAt: '2025-01-01T00:00:00.000Z',
  manifest: e.manifest,
  config: e.fixtures.config,
}));

describe('keyboard history commands', () => {
  const key = (init: KeyboardEventInit, target?: HTMLElement) => {
    const e = new KeyboardEvent('keydown', init);
    if (target) Object.defineProperty(e, 'target', { value: target });
    return historyCommand(e);
  };
  it('maps Ctrl/Cmd+Z, Shift+Ctrl+Z and Ctrl+Y', () => {
    expect(key({ key: 'z', ctrlKey: true })).toBe('undo');
    expect(key({ key: 'z', metaKey: true })).toBe('undo');
    expect(key({ key: 'Z', ctrlKey: true, shiftKey: true })).toBe('redo');
    expect(key({ key: 'y', ctrlKey: true })).toBe('redo');
    expect(key({ key: 'z' })).toBeNull();
  });
  it('leaves text fields their own undo', () => {
    expect(key({ key: 'z', ctrlKey: true }, document.createElement('input'))).toBeNull();
  });
});

describe('phone preview', () => {
  it('renders the store with the portal renderer and follows every edit', async () => {
    const doc = usePortalDocStore();
    doc.load(samplePortal());
    const wrapper = mount(
      {
        components: { PhonePreview },
        setup: () => ({
          doc,
          plugins: Object.fromEntries(
            installations.map((i) => [i.pluginId, { manifest: i.manifest, config: {} }]),
          ),
        }),
        template: '<PhonePreview :portal="doc.portal" page-id="home" :plugins="plugins" />',
      },
      plugins(),
    );
    await flushPromises();
    expect(wrapper.text()).toContain('社区公告');
    setBlockValues(doc, 'notices', { title: '停水通知' });
    await nextTick();
    expect(wrapper.text()).toContain('停水通知');
    doc.undo();
    await nextTick();
    expect(wrapper.text()).not.toContain('停水通知');
  });

  it('previews the page as each role would get it', async () => {
    const doc = usePortalDocStore();
    const portal = samplePortal();
    portal.pages[0]!.public = true;
    portal.pages[0]!.blocks.push({
      id: 'repairs',
      kind: 'plugin',
      plugin: 'std.property-repair',
      view: 'home-card',
    });
    doc.load(portal);
    const wrapper = mount(
      {
        components: { PhonePreview },
        setup: () => ({
          doc,
          plugins: Object.fromEntries(
            installations.map((i) => [i.pluginId, { manifest: i.manifest, config: {} }]),
          ),
        }),
        template: '<PhonePreview :portal="doc.portal" page-id="home" :plugins="plugins" />',
      },
      plugins(),
    );
    await flushPromises();
    const notes = () => wrapper.findAll('.sp-placeholder[role=note]').length;
    const as = async (index: number) => {
      await wrapper.get('[data-testid="preview-as"]').findAll('input')[index]!.setValue(true);
      await flushPromises();
    };
    // A resident gets both cards.
    expect(notes()).toBe(0);
    expect(wrapper.text()).toContain('物业报修');
    // Staff and visitors do not get a resident's repair card; the notice card opens to everyone.
    for (const index of [0, 2]) {
      await as(index);
      expect(notes()).toBe(1);
      expect(wrapper.text()).toContain('此区块不向当前预览的身份显示');
      expect(wrapper.text()).toContain('社区公告');
    }
    expect(wrapper.get('[data-testid="preview-as"]').text()).toContain('访客（未登录）');
    // A page that is not public asks visitors to log in.
    doc.portal!.pages[0]!.public = false;
    await as(0);
    expect(wrapper.text()).toContain('访客打开时会被要求先登录');
  });
});

describe('canvas and palette', () => {
  it('removes a block from the canvas as one undoable step', async () => {
    const doc = usePortalDocStore();
    doc.load(samplePortal());
    const block = noticeBlock();
    const wrapper = mount(CanvasBlock, {
      props: { block, parent: { pageId: 'home' }, siblings: doc.portal!.pages[0]!.blocks },
      ...plugins(),
    });
    await wrapper.get('[data-testid="remove-block"]').trigger('click');
    expect(doc.portal!.pages[0]!.blocks.map((b) => b.id)).toEqual(['box']);
    const steps = mount(HistorySteps, plugins());
    expect(steps.findAll('[data-testid="history-step"]').map((s) => s.text())).toEqual([
      '删除 社区公告',
    ]);
    doc.undo();
    expect(doc.portal!.pages[0]!.blocks).toHaveLength(2);
  });

  it('groups block views by scene and marks standard ones', async () => {
    const catalog = useCatalogStore();
    catalog.installations = installations;
    const wrapper = mount(BlockPalette, plugins());
    const scenes = wrapper.findAll('[data-scene]').map((s) => s.attributes('data-scene'));
    expect(scenes).toContain('service');
    expect(scenes).toContain('governance');
    expect(scenes[scenes.length - 1]).toBe('layout');
    const notice = wrapper.get('[data-entry="std.notice-board/home-card"]');
    expect(notice.text()).toContain('标配');
    // The entrepreneurship scene (创业) has its standard plugin, optional (选配).
    const startup = wrapper.get('[data-scene="entrepreneurship"]');
    expect(startup.text()).toContain('创业');
    expect(startup.get('[data-entry="std.startup-hub/home-card"]').text()).toContain('选配');
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { ElSelect } from 'element-plus';
import { standardPluginEntries } from '@scene/plugins';
import type { Installation } from '@scene/client';
import { createStudioI18n } from '../../i18n';
import { useCatalogStore } from '../../stores/catalog';
import { usePortalDocStore } from '../../stores/portal-doc';
import { useSelectionStore } from '../../stores/selection';
import { samplePortal } from '../../testing/portal-fixture';
import HistorySteps from '../HistorySteps.vue';
import PropertyPanel from './PropertyPanel.vue';

// A whole generated form in Element Plus mounts in about 25 s on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

let pinia: Pinia;
beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
});
const survey = standardPluginEntries.find((e) => e.manifest.id === 'std.survey')!;
const notices = standardPluginEntries.find((e) => e.manifest.id === 'std.notice-board')!;
const installed = (e: typeof survey): Installation => ({
  pluginId: e.manifest.id,
  version: e.manifest.version,
  status: 'active',
  pinned: false,
  grantedPermissions: [],
  installedAt: '2025-01-01T00:00:00.000Z',
  schedules: {},
  updatedAt: '2025-01-01T00:00:00.000Z',
  manifest: e.manifest,
  config: e.fixtures.config,
});

function setUp(locale: 'zh-CN' | 'en' = 'zh-CN') {
  useCatalogStore().installations = [installed(survey), installed(notices)];
  const doc = usePortalDocStore();
  const portal = samplePortal();
  portal.pages[0]!.blocks.push({
    id: 'survey',
    kind: 'plugin',
    plugin: 'std.survey',
    view: 'home-card',
    config: { title: '我的问卷', questions: [{ id: 'mine', title: '我的题目', type: 'text' }] },
  });
  doc.load(portal);
  const global = { global: { plugins: [pinia, createStudioI18n(locale)] } };
  return { doc, global, selection: useSelectionStore() };
}
function questionIds(doc: ReturnType<typeof usePortalDocStore>): string[] {
  const block = doc.portal!.pages[0]!.blocks.find((b) => b.id === 'survey');
  const questions = block?.kind === 'plugin' ? block.config?.questions : undefined;
  return (questions as { id: string }[]).map((q) => q.id);
}

describe('config presets in the property panel', () => {
  it('fills a survey from a template in one named step, and undo brings the old questions back', async () => {
    const { doc, global, selection } = setUp();
    selection.selectBlock('survey');
    const panel = mount(PropertyPanel, global);
    await flushPromises();
    const picker = panel.get('[data-testid="preset-picker"]');
    expect(picker.text()).toContain('从模板开始');
    const select = panel.findComponent(ElSelect);
    expect(select.props('placeholder')).toBe('选择模板');

    select.vm.$emit('update:modelValue', 'satisfaction');
    await flushPromises();
    // Choosing previews what changes; nothing changes before “套用模板”.
    expect(picker.findAll('[data-testid="preset-change"]').map((c) => c.text())).toEqual([
      '由 “我的问卷” 改为 “验收前居民满意度调研”',
      '由 （未填写） 改为 “为了解居民对未来社区建设成效的真实感受，请您花 …”',
      '由 （未填写） 改为 开启',
      '由 1 项 改为 8 项',
    ]);
    expect(picker.text()).toContain('问卷标题');
    expect(questionIds(doc)).toEqual(['mine']);
    expect(doc.canUndo).toBe(false);
    await picker.get('[data-testid="preset-apply"]').trigger('click');
    await flushPromises();
    expect(picker.find('[data-testid="preset-preview"]').exists()).toBe(false);
    expect(questionIds(doc)).toEqual([
      'property',
      'environment',
      'services',
      'elderly',
      'childcare',
      'governance',
      'overall',
      'ideas',
    ]);
    expect(picker.text()).toContain('已套用模板“满意度调研（验收前）”');
    const steps = mount(HistorySteps, global);
    expect(steps.findAll('[data-testid="history-step"]').map((s) => s.text())).toEqual([
      '我的问卷 套用模板“满意度调研（验收前）”',
    ]);

    select.vm.$emit('update:modelValue', 'needs');
    await flushPromises();
    await picker.get('[data-testid="preset-apply"]').trigger('click');
    expect(questionIds(doc)).toContain('scenes');
    doc.undo();
    doc.undo();
    expect(questionIds(doc)).toEqual(['mine']);
  });

  it('is offered only for plugins that ship presets', async () => {
    const { global, selection } = setUp('en');
    selection.selectBlock('notices');
    const panel = mount(PropertyPanel, global);
    await flushPromises();
    expect(panel.find('[data-testid="preset-picker"]').exists()).toBe(false);
  });
});

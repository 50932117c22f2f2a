import { describe, expect, it, vi } from 'vitest';
import { reactive, type Component } from 'vue';
import { flushPromises, mount } from '@vue/test-utils';
import { ElSelect } from 'element-plus';
import { ApiError, type Installation, type InstallationsApi } from '@scene/client';
import { standardPluginEntries } from '@scene/plugins';
import { createStudioI18n } from '../i18n';
import { setApi } from '../api';
import { fakeClient, fakeResource } from '../testing/fake-client';
import SettingsDrawer from './SettingsDrawer.vue';
import { configErrorsOf } from './config-errors';

// A whole generated form in Element Plus mounts in about 25 s on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

const survey = standardPluginEntries.find((e) => e.manifest.id === 'std.survey')!;
const installation: Installation = {
  pluginId: 'std.survey',
  version: survey.manifest.version,
  status: 'active',
  pinned: false,
  grantedPermissions: [],
  installedAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
  schedules: {},
  manifest: survey.manifest,
  config: { title: '我们的问卷', questions: [{ id: 'mine', title: '我的题目', type: 'text' }] },
};

async function openDrawer(update: InstallationsApi['update'], locale: 'zh-CN' | 'en' = 'zh-CN') {
  setApi(
    fakeClient({ installations: fakeResource<InstallationsApi>('installations', { update }) }),
  );
  // As a plain component: its props' manifest type is too deep for vue-test-utils' inference
  // (TS2589) once the drawer also lists the public links.
  const w = mount(SettingsDrawer as Component, {
    // As the table passes it: out of a reactive store (a proxy cannot be cloned as it is).
    props: { communityId: 'c1', installation: reactive(installation), modelValue: false },
    global: { plugins: [createStudioI18n(locale)] },
    attachTo: document.body,
  });
  await w.setProps({ modelValue: true });
  await flushPromises();
  const drawer = () => document.querySelector('[data-testid="settings-drawer"]') as HTMLElement;
  const save = async () => {
    (document.querySelector('[data-testid="settings-save"]') as HTMLElement).click();
    await flushPromises();
  };
  return { w, drawer, save };
}

describe('SettingsDrawer', () => {
  it('fills the form with the installation’s config, applies a template unsaved, and saves it', async () => {
    const sent: unknown[] = [];
    const { w, drawer, save } = await openDrawer(async (...args) => {
      sent.push(args);
      return { ...installation, config: args[2].config! };
    });
    expect(drawer().textContent).toContain('“问卷调查”的设置');
    const inputs = Array.from(drawer().querySelectorAll('input'), (i) => i.value);
    expect(inputs).toContain('我们的问卷');
    expect(sent).toEqual([]);

    w.findComponent(ElSelect).vm.$emit('update:modelValue', 'satisfaction');
    await flushPromises();
    // The same picker as the property panel's: a preview of what changes, then apply.
    const changes = Array.from(drawer().querySelectorAll('[data-testid="preset-change"]'), (c) =>
      c.textContent?.trim(),
    );
    expect(changes).toContain('由 “我们的问卷” 改为 “验收前居民满意度调研”');
    expect(changes).toContain('由 1 项 改为 8 项');
    (drawer().querySelector('[data-testid="preset-apply"]') as HTMLElement).click();
    await flushPromises();
    expect(drawer().textContent).toContain('已套用模板“满意度调研（验收前）”，尚未保存。');
    expect(sent).toEqual([]);

    await save();
    expect(sent).toHaveLength(1);
    const [communityId, pluginId, patch] = sent[0] as [string, string, { config: never }];
    expect([communityId, pluginId]).toEqual(['c1', 'std.survey']);
    const config = patch.config as { title: string; questions: { id: string }[] };
    expect(config.questions[0]!.id).toBe('property');
    expect(config.questions.map((q) => q.id)).not.toContain('mine');
    expect(w.emitted('saved')).toHaveLength(1);
    expect(w.emitted('update:modelValue')?.at(-1)).toEqual([false]);
    w.unmount();
  });

  it('puts the server’s field errors on the fields in the operator’s language and stays open', async () => {
    const { w, drawer, save } = await openDrawer(async () => {
      throw new ApiError(400, 'validation_failed', 'The configuration does not match the plugin.', [
        {
          pointer: '/config/title',
          message: 'Too long',
          messages: { 'zh-CN': '标题太长了', en: 'Too long' },
        },
      ]);
    });
    await save();
    expect(drawer().textContent).toContain('标题太长了');
    expect(document.body.textContent).toContain('有 1 处设置未通过检查');
    expect(w.emitted('saved')).toBeUndefined();
    expect(w.emitted('update:modelValue')).toBeUndefined();
    w.unmount();
  });

  it('offers 谁可以填写 and a link to copy for the survey page everyone may open', async () => {
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: async (s: string) => void copied.push(s) },
      configurable: true,
    });
    const { w, drawer } = await openDrawer(async () => installation);
    const text = drawer().textContent ?? '';
    expect(text).toContain('谁可以填写');
    expect(text).toContain('本社区居民');
    expect(text).toContain('持链接的所有人');
    const links = drawer().querySelector('[data-testid="public-links"]') as HTMLElement;
    // The answer page opens to everyone; the operator's results page is not offered.
    expect(links.querySelectorAll('code')).toHaveLength(1);
    expect(links.textContent).toContain('/c/c1/survey');
    links.querySelector('button')!.click();
    await flushPromises();
    expect(copied).toEqual([`${location.origin}/c/c1/survey`]);
    w.unmount();
  });
});

describe('configErrorsOf', () => {
  it('keys errors by their pointer inside the config and ignores other details', () => {
    const details = [
      {
        pointer: '/config/questions/0/id',
        message: 'Bad code',
        messages: { 'zh-CN': '编号不对', en: 'Bad code' },
      },
      { pointer: '/config', message: 'Missing title' },
      { pointer: '/pinned', message: 'not config' },
    ];
    expect(configErrorsOf(details, 'en')).toEqual({
      '/questions/0/id': ['Bad code'],
      '': ['Missing title'],
    });
    expect(configErrorsOf(details, 'zh-CN')['/questions/0/id']).toEqual(['编号不对']);
    expect(configErrorsOf('nope', 'en')).toEqual({});
  });
});

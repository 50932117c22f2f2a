import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { widgets } from './index';
import { mountForm, unlabelledFields, type Harness } from '../test/harness';
import type { FormSchema } from '../core/types';

const schema: FormSchema = {
  type: 'object',
  required: ['title'],
  'x-groups': [{ id: 'more', title: { 'zh-CN': '更多', en: 'More' } }],
  properties: {
    title: { type: 'string', maxLength: 5, title: { 'zh-CN': '标题', en: 'Title' } },
    mode: {
      type: 'string',
      enum: ['grab', 'assign'],
      default: 'grab',
      title: { 'zh-CN': '模式', en: 'Mode' },
      'x-labels': {
        grab: { 'zh-CN': '抢单', en: 'Grab' },
        assign: { 'zh-CN': '派单', en: 'Assign' },
      },
    },
    slaHours: {
      type: 'integer',
      minimum: 1,
      maximum: 720,
      title: { 'zh-CN': '时限', en: 'SLA hours' },
      'x-visibleIf': { field: 'mode', op: 'eq', value: 'assign' },
    },
    urgent: { type: 'boolean', title: { 'zh-CN': '加急', en: 'Urgent' }, 'x-group': 'more' },
    photos: {
      type: 'array',
      maxItems: 3,
      'x-widget': 'image-upload',
      title: { 'zh-CN': '照片', en: 'Photos' },
      items: { type: 'string', 'x-ref': 'upload' },
    },
    stops: {
      type: 'array',
      maxItems: 5,
      title: { 'zh-CN': '站点', en: 'Stops' },
      items: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string', maxLength: 10, title: { 'zh-CN': '名称', en: 'Name' } },
        },
      },
    },
  },
};

let h: Harness;
afterEach(() => h?.wrapper.unmount());

describe('SchemaForm with the Vant map', () => {
  it('names each star of a rating, so the choice reads as words', async () => {
    h = await mountForm(
      {
        type: 'object',
        properties: {
          overall: {
            type: 'integer',
            minimum: 1,
            maximum: 5,
            'x-widget': 'rate',
            title: { 'zh-CN': '总体满意度', en: 'Overall' },
          },
        },
      },
      widgets,
    );
    await vi.waitFor(() => expect(h.wrapper.findAll('[role="radio"]').length).toBeGreaterThan(0));
    const stars = h.wrapper.findAll('[role="radio"]');
    expect(stars.map((s) => s.attributes('aria-label'))).toEqual([
      '1 星',
      '2 星',
      '3 星',
      '4 星',
      '5 星',
    ]);
  });

  it('names the stepper buttons of a bounded whole number after what they do', async () => {
    const teamSize: FormSchema = {
      type: 'object',
      properties: {
        teamSize: {
          type: 'integer',
          minimum: 1,
          maximum: 20,
          title: { 'zh-CN': '团队人数', en: 'Team size' },
        },
      },
    };
    h = await mountForm(teamSize, widgets);
    const named = () =>
      h
        .field('/teamSize')
        .findAll('button')
        .map((b) => b.attributes('aria-label'));
    await vi.waitFor(() => expect(named()).toEqual(['减少团队人数', '增加团队人数']));
    h.wrapper.unmount();
    h = await mountForm(teamSize, widgets, { locale: 'en' });
    await vi.waitFor(() => expect(named()).toEqual(['Decrease Team size', 'Increase Team size']));
  });

  it('applies defaults, renders labelled controls and enum labels', async () => {
    h = await mountForm(schema, widgets);
    expect(h.value.value).toEqual({ mode: 'grab' });
    expect(h.field('/mode').text()).toContain('抢单');
    expect(h.field('/mode').text()).toContain('派单');
    expect(h.wrapper.find('.sf-group legend').text()).toBe('更多');
    // The uploader is loaded on demand.
    await vi.waitFor(() => expect(h.field('/photos').find('input').exists()).toBe(true));
    expect(unlabelledFields(h.wrapper.element)).toEqual([]);
    const input = h.field('/title').find('input');
    expect(h.field('/title').find('label').attributes('for')).toBe(input.attributes('id'));
  });

  it('updates the model as the user types and shows errors after the first edit', async () => {
    h = await mountForm(schema, widgets);
    expect(h.field('/title').find('.sf-error').exists()).toBe(false);
    expect(h.validity.value?.valid).toBe(false);
    const input = h.field('/title').find('input');
    await input.setValue('太长的标题文字');
    // Vant's Field cuts input at maxLength, so the model holds what the input shows.
    expect(h.value.value).toMatchObject({ title: '太长的标题' });
    await input.setValue('');
    expect(h.value.value).not.toHaveProperty('title');
    const error = h.field('/title').find('.sf-error');
    expect(error.text()).toBe('必填');
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(input.attributes('aria-describedby')).toContain(
      h.field('/title').find('.sf-errors').attributes('id'),
    );
    await input.setValue('好');
    expect(h.field('/title').find('.sf-error').exists()).toBe(false);
    expect(input.attributes('aria-invalid')).toBeUndefined();
    expect(h.validity.value?.valid).toBe(true);
  });

  it('offers the number pad for a code of digits only, and keeps its leading zeros', async () => {
    h = await mountForm(
      {
        type: 'object',
        properties: { code: { type: 'string', maxLength: 6, pattern: '^[0-9]{6}$' } },
      },
      widgets,
    );
    const input = h.field('/code').find('input');
    expect(input.attributes('inputmode')).toBe('numeric');
    await input.setValue('012345');
    expect(h.value.value).toEqual({ code: '012345' });
  });

  it('switches language', async () => {
    h = await mountForm(schema, widgets, { locale: 'en' });
    expect(h.field('/mode').text()).toContain('Assign');
    await h.field('/title').find('input').setValue('x');
    await h.field('/title').find('input').setValue('');
    expect(h.field('/title').find('.sf-error').text()).toBe('Required');
  });

  it('shows and hides fields by x-visibleIf', async () => {
    h = await mountForm(schema, widgets);
    expect(h.field('/slaHours').exists()).toBe(false);
    const radios = h.field('/mode').findAll('[role="radio"]');
    await radios[1]!.trigger('click');
    expect(h.value.value).toMatchObject({ mode: 'assign' });
    expect(h.field('/slaHours').exists()).toBe(true);
    await h.field('/mode').findAll('[role="radio"]')[0]!.trigger('click');
    expect(h.field('/slaHours').exists()).toBe(false);
  });

  it('adds, edits, reorders and removes list items', async () => {
    h = await mountForm(schema, widgets, { value: { title: 't' } });
    const add = () => h.field('/stops').find('.sf-button--add');
    await add().trigger('click');
    await add().trigger('click');
    expect(h.value.value).toMatchObject({ stops: [{}, {}] });
    await h.field('/stops/0/name').find('input').setValue('东门');
    await h.field('/stops/1/name').find('input').setValue('西门');
    expect(h.value.value).toMatchObject({ stops: [{ name: '东门' }, { name: '西门' }] });
    const down = h.field('/stops').findAll('.sf-button--down')[0]!;
    expect(down.attributes('aria-label')).toBe('下移 第 1 项');
    await down.trigger('click');
    expect(h.value.value).toMatchObject({ stops: [{ name: '西门' }, { name: '东门' }] });
    expect((h.field('/stops/0/name').find('input').element as HTMLInputElement).value).toBe('西门');
    await h.field('/stops').findAll('.sf-button--remove')[0]!.trigger('click');
    expect(h.value.value).toMatchObject({ stops: [{ name: '东门' }] });
    await h.field('/stops/0/name').find('input').setValue('');
    expect(h.field('/stops/0/name').find('.sf-error').text()).toBe('必填');
  });

  it('shows server errors on their fields until edited', async () => {
    h = await mountForm(schema, widgets, { value: { title: 'ok' } });
    h.serverErrors.value = { '/title': ['标题重复'] };
    await flushPromises();
    expect(h.field('/title').find('.sf-error').text()).toBe('标题重复');
    await h.field('/title').find('input').setValue('ok2');
    expect(h.field('/title').find('.sf-error').exists()).toBe(false);
  });

  it('uploads picked photos through the injected function with progress', async () => {
    let finish: (id: string) => void = () => {};
    let report: (f: number) => void = () => {};
    const upload = vi.fn(
      (_file: File, onProgress: (f: number) => void) =>
        new Promise<string>((resolve) => {
          report = onProgress;
          finish = resolve;
        }),
    );
    h = await mountForm(schema, widgets, {
      value: { title: 't' },
      upload,
      previewUrl: (id) => `/uploads/${id}`,
    });
    await vi.waitFor(() =>
      expect(h.field('/photos').find('input[type="file"]').exists()).toBe(true),
    );
    const input = h.field('/photos').find('input[type="file"]');
    expect(input.attributes('id')).toBe(h.field('/photos').find('label').attributes('for'));
    const file = new File(['x'], 'a.png', { type: 'image/png' });
    Object.defineProperty(input.element, 'files', { value: [file] });
    await input.trigger('change');
    await vi.waitFor(() => expect(upload).toHaveBeenCalledTimes(1));
    report(0.5);
    await flushPromises();
    expect(h.field('/photos').text()).toContain('上传中 50%');
    finish('up_1');
    await flushPromises();
    expect(h.value.value).toMatchObject({ photos: ['up_1'] });
    // Each uploaded picture is named for screen readers (Vant's own preview has no alt).
    await vi.waitFor(() =>
      expect(h.field('/photos').find('.van-uploader__preview-image img').attributes('alt')).toBe(
        '已上传的图片 1',
      ),
    );
  });
});

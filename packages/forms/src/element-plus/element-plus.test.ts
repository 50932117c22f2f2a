import { afterEach, describe, expect, it } from 'vitest';
import { widgets } from './index';
import { mountForm, type Harness } from '../test/harness';
import { markdownBlocks } from './markdown';
import type { FormSchema } from '../core/types';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const schema: FormSchema = {
  type: 'object',
  required: ['title'],
  'x-groups': [{ id: 'basic', title: t('基本', 'Basic') }],
  properties: {
    title: { type: 'string', maxLength: 5, title: t('标题', 'Title'), 'x-group': 'basic' },
    mode: {
      type: 'string',
      enum: ['grab', 'assign'],
      default: 'grab',
      'x-widget': 'radio',
      title: t('模式', 'Mode'),
      'x-labels': { grab: t('抢单', 'Grab'), assign: t('派单', 'Assign') },
    },
    slaHours: {
      type: 'integer',
      minimum: 1,
      maximum: 720,
      title: t('时限', 'SLA hours'),
      'x-visibleIf': { field: 'mode', op: 'eq', value: 'assign' },
    },
    entries: {
      type: 'array',
      maxItems: 3,
      title: t('入口', 'Entries'),
      items: {
        type: 'object',
        properties: { label: { type: 'string', maxLength: 8, title: t('名称', 'Label') } },
      },
    },
  },
};

let h: Harness;
afterEach(() => h?.wrapper.unmount());

describe('SchemaForm with the Element Plus map', () => {
  it('shows an error as the user types past maxLength and clears it when fixed', async () => {
    h = await mountForm(schema, widgets, { locale: 'en' });
    const input = h.field('/title').find('input');
    expect(input.attributes('id')).toBe(h.field('/title').find('label').attributes('for'));
    await input.setValue('too long');
    expect(h.value.value).toMatchObject({ title: 'too long' });
    expect(h.field('/title').find('.sf-error').text()).toBe('At most 5 characters');
    expect(input.attributes('aria-invalid')).toBe('true');
    await input.setValue('ok');
    expect(h.field('/title').find('.sf-error').exists()).toBe(false);
    expect(h.validity.value?.valid).toBe(true);
  });

  it('puts x-groups in collapsible panels and labels enum radios', async () => {
    h = await mountForm(schema, widgets);
    expect(h.wrapper.find('.el-collapse-item__header').text()).toContain('基本');
    expect(h.wrapper.find('.el-collapse').find('[data-pointer="/title"]').exists()).toBe(true);
    const radios = h.field('/mode').findAll('.el-radio');
    expect(radios.map((r) => r.text())).toEqual(['抢单', '派单']);
    expect(h.field('/mode').find('[role="radiogroup"]').attributes('aria-labelledby')).toBe(
      h.field('/mode').find('.sf-label').attributes('id'),
    );
  });

  it('shows a field when its x-visibleIf matches', async () => {
    h = await mountForm(schema, widgets);
    expect(h.field('/slaHours').exists()).toBe(false);
    await h.field('/mode').findAll('input[type="radio"]')[1]!.setValue(true);
    expect(h.value.value).toMatchObject({ mode: 'assign' });
    expect(h.field('/slaHours').exists()).toBe(true);
  });

  it('adds, reorders and removes list items', async () => {
    h = await mountForm(schema, widgets, { value: { title: 'x', entries: [{ label: 'a' }] } });
    await h.field('/entries').find('.sf-button--add').trigger('click');
    await h.field('/entries/1/label').find('input').setValue('b');
    expect(h.value.value).toMatchObject({ entries: [{ label: 'a' }, { label: 'b' }] });
    await h.field('/entries').findAll('.sf-button--up')[1]!.trigger('click');
    expect(h.value.value).toMatchObject({ entries: [{ label: 'b' }, { label: 'a' }] });
    await h.field('/entries').findAll('.sf-button--remove')[0]!.trigger('click');
    expect(h.value.value).toMatchObject({ entries: [{ label: 'a' }] });
    const add = h.field('/entries').find('.sf-button--add');
    await add.trigger('click');
    await add.trigger('click');
    expect(h.field('/entries').find('.sf-button--add').attributes('disabled')).toBeDefined();
  });
});

describe('markdown preview', () => {
  it('splits source into text blocks without building HTML', () => {
    expect(markdownBlocks('# 标题\n第一行\n第二行\n\n- 一\n- <b>二</b>')).toEqual([
      { kind: 'heading', text: '标题' },
      { kind: 'paragraph', text: '第一行 第二行' },
      { kind: 'item', text: '一' },
      { kind: 'item', text: '<b>二</b>' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { VendorSchema } from '@scene/schema';
import { fieldsOf, groupFields } from './fields';
import { optionsOf, resolveSchema } from './schema';
import { widgetFor } from './widget';
import type { FormSchema } from './types';

describe('fieldsOf', () => {
  it('orders fields by x-order, then declaration, and picks widgets from the schema', () => {
    const fields = fieldsOf({
      type: 'object',
      required: ['title'],
      properties: {
        body: { type: 'string', maxLength: 2000, 'x-widget': 'textarea' },
        title: { type: 'string', maxLength: 40, 'x-order': 1 },
        pinned: { type: 'boolean' },
        kind: { type: 'string', enum: ['物业', '社区'] },
        due: { type: 'string', format: 'date' },
        at: { type: 'string', format: 'date-time' },
        opens: { type: 'string', format: 'time' },
        mobile: { type: 'string', maxLength: 20, 'x-pii': 'phone' },
        photos: { type: 'array', maxItems: 9, items: { type: 'string', 'x-ref': 'upload' } },
        topics: { type: 'array', maxItems: 9, items: { type: 'string', enum: ['a', 'b'] } },
        words: { type: 'array', maxItems: 9, items: { type: 'string', maxLength: 9 } },
        rows: { type: 'array', maxItems: 9, items: { type: 'object', properties: {} } },
        address: { type: 'object', properties: {} },
        version: { const: 2 },
      },
    });
    expect(fields.map((f) => [f.key, f.widget, f.required])).toEqual([
      ['title', 'input', true],
      ['body', 'textarea', false],
      ['pinned', 'switch', false],
      ['kind', 'select', false],
      ['due', 'date', false],
      ['at', 'datetime', false],
      ['opens', 'time', false],
      ['mobile', 'phone', false],
      ['photos', 'file-upload', false],
      ['topics', 'checkbox', false],
      ['words', 'tags', false],
      ['rows', 'list', false],
      ['address', 'object', false],
      ['version', 'hidden', false],
    ]);
    expect(fields[0]!.pointer).toBe('/title');
  });

  it('nests pointers under a base and escapes them', () => {
    const [f] = fieldsOf({ type: 'object', properties: { 'a/b': { type: 'string' } } }, {}, '/x/0');
    expect(f!.pointer).toBe('/x/0/a~1b');
  });

  it('honours a fitting x-widget hint and ignores an unknown or ill-fitting one', () => {
    expect(widgetFor({ type: 'integer', 'x-widget': 'rocket' })).toBe('number');
    expect(widgetFor({ type: 'integer', maximum: 5, 'x-widget': 'rate' })).toBe('rate');
    expect(widgetFor({ type: 'string', 'x-widget': 'switch' })).toBe('input');
    expect(widgetFor({ type: 'string', enum: ['a'], 'x-widget': 'radio' })).toBe('radio');
    expect(widgetFor({ type: 'string', maxLength: 9, 'x-widget': 'color' })).toBe('color');
    expect(widgetFor({ type: 'string', maxLength: 9, 'x-widget': 'hidden' })).toBe('hidden');
    expect(
      widgetFor({ type: 'array', items: { type: 'string' }, 'x-widget': 'image-upload' }),
    ).toBe('image-upload');
  });

  it('resolves #/$defs references with local keywords on top', () => {
    const root: FormSchema = {
      type: 'object',
      $defs: { name: { type: 'string', maxLength: 20, title: { 'zh-CN': '名称', en: 'Name' } } },
      properties: { who: { $ref: '#/$defs/name', 'x-order': 2 } },
    };
    const [f] = fieldsOf(root);
    expect(f!.schema.maxLength).toBe(20);
    expect(f!.schema['x-order']).toBe(2);
    expect(f!.widget).toBe('input');
  });

  it('splits fields into the root x-groups, loose fields first', () => {
    const root: FormSchema = {
      type: 'object',
      'x-groups': [
        { id: 'look', title: { 'zh-CN': '外观', en: 'Look' } },
        { id: 'basic', title: { 'zh-CN': '基本', en: 'Basic' } },
      ],
      properties: {
        title: { type: 'string', 'x-group': 'basic' },
        color: { type: 'string', 'x-group': 'look' },
        other: { type: 'string' },
        lost: { type: 'string', 'x-group': 'nope' },
      },
    };
    const groups = groupFields(fieldsOf(root), root);
    expect(groups.map((g) => [g.group?.id, g.fields.map((f) => f.key)])).toEqual([
      [undefined, ['other', 'lost']],
      ['look', ['color']],
      ['basic', ['title']],
    ]);
  });
});

describe('enum labels and oneOf choices', () => {
  it('labels enum values from x-labels in the locale', () => {
    const s: FormSchema = {
      type: 'string',
      enum: ['grab', 'assign'],
      'x-labels': {
        grab: { 'zh-CN': '抢单', en: 'Grab' },
        assign: { 'zh-CN': '派单', en: 'Assign' },
      },
    };
    expect(optionsOf(s, s, 'zh-CN').map((o) => o.label)).toEqual(['抢单', '派单']);
    expect(optionsOf(s, s, 'en').map((o) => o.label)).toEqual(['Grab', 'Assign']);
  });

  it('reads oneOf of const+title items as an enum with labels', () => {
    const s: FormSchema = {
      oneOf: [
        { const: 1, title: { 'zh-CN': '小', en: 'Small' } },
        { const: 2, title: { 'zh-CN': '大', en: 'Large' } },
      ],
    };
    const resolved = resolveSchema(s, s);
    expect(resolved.enum).toEqual([1, 2]);
    expect(resolved.type).toBe('integer');
    expect(widgetFor(s)).toBe('select');
    expect(optionsOf(s, s, 'en')).toEqual([
      { value: 1, label: 'Small' },
      { value: 2, label: 'Large' },
    ]);
  });

  it('accepts every VendorSchema as a FormSchema', () => {
    const vendor: VendorSchema = {
      type: 'object',
      properties: { a: { type: 'string', maxLength: 3 } },
    };
    const form: FormSchema = vendor;
    expect(fieldsOf(form)).toHaveLength(1);
  });
});

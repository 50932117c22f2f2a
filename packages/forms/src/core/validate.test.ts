import { describe, expect, it } from 'vitest';
import { createValidator } from './validate';
import { isVisible } from './visibility';
import { mergeErrors, serverErrorsOf } from './server-errors';
import type { FormSchema } from './types';

const schema: FormSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'mode'],
  $defs: { code: { type: 'string', maxLength: 4 } },
  properties: {
    title: { type: 'string', maxLength: 40, minLength: 2 },
    mode: { type: 'string', enum: ['grab', 'assign'] },
    slaHours: {
      type: 'integer',
      minimum: 1,
      maximum: 720,
      'x-visibleIf': { field: 'mode', op: 'eq', value: 'assign' },
    },
    email: { type: 'string', format: 'email' },
    code: { $ref: '#/$defs/code' },
    size: { oneOf: [{ const: 's' }, { const: 'l' }] },
    items: {
      type: 'array',
      maxItems: 2,
      items: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string', maxLength: 10 },
          qty: { type: 'integer', minimum: 1 },
        },
      },
    },
  },
};
const validator = createValidator(schema);

describe('validation messages', () => {
  it('keys errors by field pointer, in Chinese', () => {
    const errors = validator.validate(
      {
        title: 'x'.repeat(41),
        email: 'nope',
        code: 'toolong',
        size: 'm',
        items: [{ qty: 0 }, { name: 'a' }, { name: 'b' }],
      },
      'zh-CN',
    );
    expect(errors).toEqual({
      '/title': ['最多 40 个字'],
      '/mode': ['必填'],
      '/email': ['请输入有效的邮箱地址'],
      '/code': ['最多 4 个字'],
      '/size': ['请从选项中选择'],
      '/items': ['最多 2 项'],
      '/items/0/name': ['必填'],
      '/items/0/qty': ['不能小于 1'],
    });
  });

  it('speaks English too', () => {
    const errors = validator.validate({ title: 'x', mode: 'other', extra: 1 }, 'en');
    expect(errors).toEqual({
      '/title': ['At least 2 characters'],
      '/mode': ['Choose one of the options'],
      '': ['Field not allowed: extra'],
    });
    expect(validator.validate({ title: 5, mode: 'grab' }, 'en')['/title']).toEqual([
      'Must be text',
    ]);
  });

  it('skips fields hidden by x-visibleIf and checks them once shown', () => {
    expect(validator.validate({ title: 'ok', mode: 'grab', slaHours: 0 }, 'en')).toEqual({});
    expect(validator.validate({ title: 'ok', mode: 'assign', slaHours: 0 }, 'en')).toEqual({
      '/slaHours': ['Must be at least 1'],
    });
  });
});

describe('x-visibleIf', () => {
  it('evaluates the filter tree over the form value', () => {
    const s: FormSchema = {
      'x-visibleIf': {
        all: [
          { field: 'mode', op: 'in', value: ['a', 'b'] },
          { not: { field: 'address.city', op: 'eq', value: 'x' } },
        ],
      },
    };
    expect(isVisible(s, { mode: 'a' })).toBe(true);
    expect(isVisible(s, { mode: 'a', address: { city: 'x' } })).toBe(false);
    expect(isVisible(s, { mode: 'c' })).toBe(false);
    expect(isVisible({}, {})).toBe(true);
  });
});

describe('server errors', () => {
  it('reads the API error body and merges with client errors without repeats', () => {
    const server = serverErrorsOf({
      error: {
        code: 'validation_failed',
        message: 'bad',
        details: [
          { pointer: '/title', message: '标题已被占用' },
          { pointer: '/items/0/name', message: 'taken' },
          { pointer: '/title', message: 'Required' },
          { nonsense: true },
        ],
      },
    });
    expect(server).toEqual({
      '/title': ['标题已被占用', 'Required'],
      '/items/0/name': ['taken'],
    });
    expect(mergeErrors({ '/title': ['Required'] }, server)['/title']).toEqual([
      'Required',
      '标题已被占用',
    ]);
    expect(serverErrorsOf({ error: { code: 'forbidden' } })).toEqual({});
    expect(serverErrorsOf(null)).toEqual({});
  });
});

describe('x-options and config vars', () => {
  it('reads select options from a config array and config vars in x-visibleIf', async () => {
    const { optionsOf, varsOf } = await import('./schema');
    const { widgetFor } = await import('./widget');
    const s: FormSchema = {
      type: 'string',
      maxLength: 20,
      'x-options': { bind: 'config.categories', value: 'id', label: 'label' },
      'x-visibleIf': { field: 'kind', op: 'eq', value: { var: 'config.defaults.kind' } },
    };
    const config = {
      categories: [
        { id: 'water', label: { 'zh-CN': '水', en: 'Water' } },
        { id: 'power', label: 'Power' },
        'junk',
      ],
      defaults: { kind: 'home' },
    };
    expect(widgetFor(s)).toBe('select');
    expect(optionsOf(s, s, 'zh-CN', { config })).toEqual([
      { value: 'water', label: '水' },
      { value: 'power', label: 'Power' },
    ]);
    const vars = varsOf({ config, vars: { 'user.id': 'u1' } });
    expect(vars['config.defaults.kind']).toBe('home');
    expect(vars['user.id']).toBe('u1');
    expect(isVisible(s, { kind: 'home' }, vars)).toBe(true);
    expect(isVisible(s, { kind: 'shop' }, vars)).toBe(false);
  });
});

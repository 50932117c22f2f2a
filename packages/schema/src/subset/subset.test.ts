import { describe, expect, it } from 'vitest';
import { vetPattern } from './regex';
import { checkVendorSchema } from './check';
import { toRuntimeSchema } from './compile';

describe('vetPattern', () => {
  it.each([
    '^(a+)+$',
    '([a-z]*)*',
    '^(\\w+\\s?)*$',
    '(a|ab)*c',
    '^\\w+\\w+$',
    '.*.*x',
    '(\\d+)\\1',
    '(a',
  ])('rejects %s', (p) => {
    expect(vetPattern(p)).not.toBeNull();
  });
  it.each([
    '^1[3-9]\\d{9}$',
    '^[A-Z0-9]{6}$',
    '^\\d{4}-\\d{2}-\\d{2}$',
    '^[a-z]+@[a-z]+\\.[a-z]{2,6}$',
    '^(foo|bar)*$',
    '^[\\u4e00-\\u9fa5]{2,10}$',
  ])('accepts %s', (p) => {
    expect(vetPattern(p)).toBeNull();
  });
});

describe('checkVendorSchema', () => {
  it('enforces depth and size limits', () => {
    let deep: Record<string, unknown> = { type: 'string', maxLength: 5 };
    for (let i = 0; i < 10; i++) deep = { type: 'object', properties: { x: deep } };
    const issues = checkVendorSchema(deep, '/config', 'config');
    expect(issues.map((i) => i.code)).toContain('subset.tooDeep');
    const wide = {
      type: 'object' as const,
      properties: Object.fromEntries(
        Array.from({ length: 100 }, (_, i) => [
          `f${i}`,
          {
            type: 'object' as const,
            properties: Object.fromEntries(
              Array.from({ length: 4 }, (_, j) => [`g${j}`, { type: 'boolean' as const }]),
            ),
          },
        ]),
      ),
    };
    expect(checkVendorSchema(wide, '', 'config').map((i) => i.code)).toContain('subset.tooLarge');
  });

  it('checks local $ref targets, required names and enum labels', () => {
    const issues = checkVendorSchema(
      {
        type: 'object',
        $defs: { a: { type: 'boolean' } },
        properties: {
          x: { $ref: '#/$defs/b' },
          y: { type: 'string', enum: ['p', 'q'], 'x-labels': { p: { 'zh-CN': '甲', en: 'P' } } },
        },
        required: ['z'],
      },
      '/c',
      'config',
    );
    expect(issues.map((i) => `${i.pointer} ${i.code}`).sort()).toEqual([
      '/c/properties/x/$ref subset.ref',
      '/c/properties/y/x-labels subset.labels',
      '/c/required subset.required',
    ]);
  });

  it('the runtime schema drops UI hints and closes every object', () => {
    expect(
      toRuntimeSchema({
        type: 'object',
        title: { 'zh-CN': '甲', en: 'A' },
        properties: { a: { type: 'string', maxLength: 3, 'x-widget': 'textarea' } },
      }),
    ).toEqual({
      type: 'object',
      properties: { a: { type: 'string', maxLength: 3 } },
      additionalProperties: false,
    });
  });
});

import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { widgets as epWidgets } from '../element-plus/index';
import { widgets as vantWidgets } from '../vant/index';
import { mountForm, unlabelledFields, type Harness } from '../test/harness';
import type { FormSchema, WidgetKind } from '../core/types';
import type { WidgetMap } from './context';

// Forms meet schemas written by any vendor and values stored by older versions: whatever they
// are, the form shows them (as JSON under a notice, or raw and marked invalid), never throws.

const maps: [string, WidgetMap][] = [
  ['Element Plus', epWidgets],
  ['Vant', vantWidgets],
];

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const title: FormSchema = { type: 'string', title: t('标题', 'Title') };

/** Schemas outside the subset, the keyword the notice must name and its schema pointer. */
const unsupported: [string, FormSchema, string, string][] = [
  [
    'a remote $ref',
    { type: 'object', properties: { title, addr: { $ref: 'https://example.com/address.json' } } },
    '$ref',
    '#/properties/addr',
  ],
  [
    'a #/definitions ref',
    {
      type: 'object',
      properties: { title, addr: { $ref: '#/definitions/addr' } },
      definitions: { addr: { type: 'object', properties: { city: { type: 'string' } } } },
    } as FormSchema,
    '$ref',
    '#/properties/addr',
  ],
  [
    'patternProperties',
    {
      type: 'object',
      properties: {
        title,
        rooms: { type: 'object', patternProperties: { '^R': { type: 'integer' } } },
      },
    } as FormSchema,
    'patternProperties',
    '#/properties/rooms',
  ],
  [
    'an additionalProperties schema',
    {
      type: 'object',
      properties: {
        title,
        rooms: { type: 'object', additionalProperties: { type: 'integer' } },
      },
    } as unknown as FormSchema,
    'additionalProperties',
    '#/properties/rooms',
  ],
  [
    'a type array',
    {
      type: 'object',
      properties: { title, note: { type: ['string', 'null'] } },
    } as unknown as FormSchema,
    'type',
    '#/properties/note',
  ],
  [
    'a oneOf of shapes inside a list',
    {
      type: 'object',
      properties: {
        title,
        stops: {
          type: 'array',
          items: { oneOf: [{ type: 'string' }, { type: 'object', properties: {} }] },
        },
      },
    },
    'oneOf',
    '#/properties/stops/items',
  ],
];

let errorSpy: MockInstance;
let warnSpy: MockInstance;
let h: Harness | undefined;
const vueWarnings: string[] = [];
beforeEach(() => {
  errorSpy = vi.spyOn(console, 'error');
  warnSpy = vi.spyOn(console, 'warn');
  vueWarnings.length = 0;
});
afterEach(() => {
  h?.wrapper.unmount();
  h = undefined;
  errorSpy.mockRestore();
  warnSpy.mockRestore();
  document.body.innerHTML = '';
});

function expectQuiet(): void {
  expect(vueWarnings).toEqual([]);
  expect(errorSpy).not.toHaveBeenCalled();
  expect(warnSpy).not.toHaveBeenCalled();
}

async function mount(schema: FormSchema, map: WidgetMap, value?: unknown, locale?: 'en') {
  h = await mountForm(schema, map, {
    value,
    locale,
    warnHandler: (msg) => vueWarnings.push(msg),
  });
  return h;
}

async function typeJson(field: ReturnType<Harness['field']>, text: string): Promise<void> {
  await field.find('textarea').setValue(text);
  await flushPromises();
}

describe.each(maps)('schemas outside the subset, with the %s map', (_name, map) => {
  it.each(unsupported)(
    '%s: a notice names the keyword and pointer, JSON edits that part, the rest works',
    async (_case, schema, keyword, pointer) => {
      const valuePointer = pointer
        .slice(1)
        .replace(/\/properties\//g, '/')
        .replace(/\/items$/, '/0');
      const value = valuePointer.endsWith('/0') ? { stops: [{ at: 'gate' }] } : undefined;
      const form = await mount(schema, map, value);
      const part = form.field(valuePointer);
      expect(part.classes()).toContain('sf-field--json');
      const notice = part.find('.sf-json-notice').text();
      expect(notice).toContain(keyword);
      expect(notice).toContain(pointer);
      // The supported field beside it is a normal, working control.
      expect(form.field('/title').find('.sf-control input').exists()).toBe(true);
      expect(unlabelledFields(form.wrapper.element)).toEqual([]);

      await typeJson(part, '{"any": [1, 2]}');
      expect((form.value.value as Record<string, unknown>)[valuePointer.split('/')[1]!]).toEqual(
        valuePointer.endsWith('/0') ? [{ any: [1, 2] }] : { any: [1, 2] },
      );
      // Text that is not JSON yet is not saved, and says so.
      await typeJson(part, '{"any": [1, 2');
      expect(part.find('.sf-error').text()).toContain('JSON');
      expect((form.value.value as Record<string, unknown>)[valuePointer.split('/')[1]!]).toEqual(
        valuePointer.endsWith('/0') ? [{ any: [1, 2] }] : { any: [1, 2] },
      );
      expectQuiet();
    },
  );

  it('a root oneOf of an object and a string is one JSON part, valid values pass', async () => {
    const schema: FormSchema = {
      oneOf: [
        { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        { type: 'string' },
      ],
    };
    const form = await mount(schema, map, undefined, 'en');
    const part = form.field('');
    expect(part.find('.sf-json-notice').text()).toContain('oneOf');
    expect(part.find('label').text()).toContain('All of it');
    await typeJson(part, '"just a string"');
    expect(form.value.value).toBe('just a string');
    expect(form.validity.value?.valid).toBe(true);
    await typeJson(part, '42');
    expect(form.value.value).toBe(42);
    expect(form.validity.value?.valid).toBe(false);
    expectQuiet();
  });

  it('a root {} is not a blank form but a JSON part naming the missing type', async () => {
    const form = await mount({}, map, { kept: true });
    expect(form.field('').find('.sf-json-notice').text()).toContain('type');
    expect(form.field('').find('textarea').element.value).toContain('"kept": true');
    expectQuiet();
  });

  it('a remote $ref does not break validation at the first keystroke', async () => {
    const schema: FormSchema = {
      type: 'object',
      required: ['title'],
      properties: { title, addr: { $ref: 'https://example.com/address.json' } },
    };
    const form = await mount(schema, map);
    await typeJson(form.field('/addr'), '{"city": "Hangzhou"}');
    expect(form.value.value).toEqual({ addr: { city: 'Hangzhou' } });
    // The title is still checked: the rest of the schema validates as before.
    expect(form.validity.value?.errors['/title']).toBeDefined();
    expectQuiet();
  });
});

/** A field for every widget kind, and a stored value of the wrong shape for it. */
const wrong: [WidgetKind | 'checkbox-list', FormSchema, unknown][] = [
  ['input', { type: 'string' }, 42],
  ['textarea', { type: 'string', 'x-widget': 'textarea' }, { a: 1 }],
  ['markdown', { type: 'string', 'x-widget': 'markdown' }, [1]],
  ['phone', { type: 'string', 'x-widget': 'phone' }, 13800138000],
  ['color', { type: 'string', 'x-widget': 'color' }, true],
  ['icon', { type: 'string', enum: ['home', 'bell'], 'x-widget': 'icon' }, 'rocket'],
  ['number', { type: 'integer' }, 'abc'],
  ['switch', { type: 'boolean' }, 'yes'],
  ['select', { type: 'string', enum: ['a', 'b'] }, 'zzz'],
  ['radio', { type: 'string', enum: ['a', 'b'], 'x-widget': 'radio' }, 5],
  ['checkbox', { type: 'boolean', 'x-widget': 'checkbox' }, 'x'],
  ['checkbox-list', { type: 'array', items: { type: 'string', enum: ['a', 'b'] } }, 'a'],
  ['date', { type: 'string', format: 'date' }, 'x'],
  ['datetime', { type: 'string', format: 'date-time' }, 'x'],
  ['time', { type: 'string', 'x-widget': 'time', pattern: '^\\d{2}:\\d{2}$' }, 'x'],
  ['slider', { type: 'integer', 'x-widget': 'slider', minimum: 0, maximum: 9 }, 'x'],
  ['rate', { type: 'integer', 'x-widget': 'rate', minimum: 0, maximum: 5 }, [3]],
  ['tags', { type: 'array', items: { type: 'string' } }, 'x'],
  ['image-upload', { type: 'string', 'x-ref': 'upload', 'x-widget': 'image-upload' }, 5],
  [
    'file-upload',
    { type: 'array', 'x-widget': 'file-upload', items: { type: 'string', 'x-ref': 'upload' } },
    { a: 1 },
  ],
  [
    'list',
    { type: 'array', items: { type: 'object', properties: { n: { type: 'string' } } } },
    'x',
  ],
  ['object', { type: 'object', properties: { n: { type: 'string' } } }, 'x'],
];

const everyWidget: FormSchema = {
  type: 'object',
  properties: Object.fromEntries(
    wrong.map(([kind, schema]) => [kind, { ...schema, title: t(kind, kind) }]),
  ),
};
const wrongValues = Object.fromEntries(wrong.map(([kind, , v]) => [kind, v]));
const rawText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v, null, 2));

describe.each(maps)('stored values of the wrong shape, with the %s map', (_name, map) => {
  // Iterates the map itself, so a widget added to either map without a wrong-value case fails here.
  it('the wrong-value cases cover every widget of the map, each drawn by that widget', async () => {
    const kinds = wrong.map(([kind]) => kind as string);
    for (const kind of Object.keys(map.controls)) expect(kinds, kind).toContain(kind);
    const form = await mount(everyWidget, map);
    for (const kind of Object.keys(map.controls))
      expect(form.field(`/${kind}`).classes(), kind).toContain(`sf-field--${kind}`);
    expectQuiet();
    // The first mount of every widget of a map loads them all: room for a loaded machine.
  }, 90_000);

  it('every widget shows its wrong value raw and invalid, keeps it, and logs nothing', async () => {
    const form = await mount(everyWidget, map, wrongValues);
    for (const [kind, , v] of wrong) {
      const field = form.field(`/${kind}`);
      expect(field.classes(), kind).toContain('sf-field--invalid');
      const text = field.find('textarea');
      expect(text.element.value, kind).toBe(rawText(v));
      expect(text.attributes('aria-invalid'), kind).toBe('true');
      expect(text.attributes('readonly'), kind).toBeDefined();
    }
    expect(form.value.value).toEqual(wrongValues);
    expect(unlabelledFields(form.wrapper.element)).toEqual([]);
    expectQuiet();
  });

  it('clearing a wrong time (cutoffTime: "x") brings the time control back', async () => {
    const schema: FormSchema = {
      type: 'object',
      properties: {
        cutoffTime: { type: 'string', 'x-widget': 'time', title: t('截止时间', 'Cutoff') },
      },
    };
    const form = await mount(schema, map, { cutoffTime: 'x' }, 'en');
    const field = form.field('/cutoffTime');
    expect(field.text()).toContain('does not fit this field');
    await field.find('.sf-json-clear').trigger('click');
    await flushPromises();
    expect(form.value.value).toEqual({});
    expect(form.field('/cutoffTime').classes()).toContain('sf-field--time');
    expect(form.field('/cutoffTime').find('textarea').exists()).toBe(false);
    expectQuiet();
  });

  it('values that fit are given to the widgets as before', async () => {
    const form = await mount(everyWidget, map, {
      input: 'a',
      number: 3,
      switch: true,
      select: 'b',
      date: '2026-11-30',
      time: '09:30',
      tags: ['x'],
      list: [{ n: 'one' }],
      object: { n: 'two' },
    });
    for (const kind of ['input', 'number', 'switch', 'select', 'date', 'time', 'tags'])
      expect(form.field(`/${kind}`).classes(), kind).not.toContain('sf-field--json');
    expect(form.wrapper.findAll('.sf-field--json')).toHaveLength(0);
  });
});

describe.each(maps)('a consent (const: true), with the %s map', (_name, map) => {
  const schema: FormSchema = {
    type: 'object',
    required: ['consent'],
    properties: {
      consent: {
        type: 'boolean',
        const: true,
        title: t('我同意参加关爱签到', 'I agree to daily check-ins'),
      },
    },
  };

  it('is a checkbox that starts unticked and must be ticked', async () => {
    const form = await mount(schema, map, undefined, 'en');
    const field = form.field('/consent');
    expect(field.classes()).toContain('sf-field--checkbox');
    expect(field.text()).toContain('I agree to daily check-ins');
    expect(form.value.value).toEqual({});
    expect(form.validity.value?.errors['/consent']).toEqual(['Tick this box to agree']);
    const native = field.find('input[type="checkbox"]');
    if (native.exists()) await native.setValue(true);
    else await field.find('[role="checkbox"]').trigger('click');
    await flushPromises();
    expect(form.value.value).toEqual({ consent: true });
    expect(form.validity.value?.valid).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { getAt, normalizePointer, setAt } from './pointer';
import { addItem, applyDefaults, moveItem, newItem, removeItem } from './values';
import type { FormSchema } from './types';

describe('pointer updates', () => {
  it('sets nested values immutably, sharing untouched branches', () => {
    const before = { a: { b: 1 }, c: { d: 2 } };
    const after = setAt(before, '/a/b', 5) as typeof before;
    expect(after).toEqual({ a: { b: 5 }, c: { d: 2 } });
    expect(before.a.b).toBe(1);
    expect(after.c).toBe(before.c);
  });

  it('creates missing objects, writes into arrays, removes a property set to undefined', () => {
    expect(setAt({}, '/x/y', 'v')).toEqual({ x: { y: 'v' } });
    expect(setAt({ l: [{ n: 1 }, { n: 2 }] }, '/l/1/n', 3)).toEqual({ l: [{ n: 1 }, { n: 3 }] });
    expect(setAt({ a: 1, b: 2 }, '/a', undefined)).toEqual({ b: 2 });
  });

  it('reads by pointer, unescapes ~0 ~1, and refuses prototype keys', () => {
    expect(getAt({ 'a/b': { '~': 1 } }, '/a~1b/~0')).toBe(1);
    expect(getAt({ l: [7, 8] }, '/l/1')).toBe(8);
    expect(getAt({}, '/missing/deep')).toBeUndefined();
    expect(normalizePointer('#/a/0')).toBe('/a/0');
    expect(() => setAt({}, '/__proto__/x', 1)).toThrow();
  });
});

describe('array operations', () => {
  const v = { list: ['a', 'b', 'c'] };
  it('adds, removes and moves items', () => {
    expect(addItem(v, '/list', 'd')).toEqual({ list: ['a', 'b', 'c', 'd'] });
    expect(addItem({}, '/list', 'x')).toEqual({ list: ['x'] });
    expect(removeItem(v, '/list', 1)).toEqual({ list: ['a', 'c'] });
    expect(moveItem(v, '/list', 0, 2)).toEqual({ list: ['b', 'c', 'a'] });
    expect(moveItem(v, '/list', 2, 1)).toEqual({ list: ['a', 'c', 'b'] });
    expect(moveItem(v, '/list', 0, 3)).toBe(v);
    expect(v.list).toEqual(['a', 'b', 'c']);
  });

  it('makes new items from their defaults or their type', () => {
    const item: FormSchema = {
      type: 'object',
      properties: { name: { type: 'string' }, qty: { type: 'integer', default: 1 } },
    };
    expect(newItem(item, item)).toEqual({ qty: 1 });
    expect(newItem({ type: 'integer', minimum: 3 }, {})).toBe(3);
    expect(newItem({ type: 'string', enum: ['x', 'y'] }, {})).toBe('x');
    expect(newItem({ type: 'string' }, {})).toBe('');
  });
});

describe('applyDefaults', () => {
  const schema: FormSchema = {
    type: 'object',
    required: ['contact'],
    properties: {
      title: { type: 'string', default: '物业报修' },
      mode: { const: 'v1' },
      contact: { type: 'object', properties: { phone: { type: 'string' } } },
      extra: { type: 'object', properties: { note: { type: 'string' } } },
      look: { type: 'object', properties: { color: { type: 'string', default: '#fff' } } },
      rows: {
        type: 'array',
        items: { type: 'object', properties: { n: { type: 'integer', default: 1 } } },
      },
    },
  };

  it('fills defaults and consts, creates required or defaulted objects only', () => {
    expect(applyDefaults(schema, undefined)).toEqual({
      title: '物业报修',
      mode: 'v1',
      contact: {},
      look: { color: '#fff' },
    });
  });

  it('never replaces present values and fills array items', () => {
    const out = applyDefaults(schema, { title: '', rows: [{}, { n: 5 }] });
    expect(out).toMatchObject({ title: '', rows: [{ n: 1 }, { n: 5 }] });
  });

  it('returns the same value when nothing is missing', () => {
    const full = applyDefaults(schema, undefined);
    expect(applyDefaults(schema, full)).toBe(full);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFilter, FilterError, MONGO_OPERATORS } from './compile';
import type { MongoFilter } from './compile';
import { deepEqual, evaluateFilter } from './evaluate';
import type { Filter, FilterOp } from './types';
import { timeVars } from '../time/relative';

// ---- an independent matcher for the MongoDB operator subset the compiler may emit -------------

function valuesAt(doc: unknown, path: string): { found: boolean; values: unknown[] } {
  let level: unknown[] = [doc];
  let found = true;
  for (const part of path.split('.')) {
    const next: unknown[] = [];
    for (const v of level) {
      const objs = Array.isArray(v)
        ? v.filter((x) => typeof x === 'object' && x !== null && !Array.isArray(x))
        : [v];
      if (Array.isArray(v) && /^\d+$/.test(part) && Number(part) < v.length)
        next.push(v[Number(part)]);
      for (const o of objs)
        if (
          typeof o === 'object' &&
          o !== null &&
          Object.prototype.hasOwnProperty.call(o, part) &&
          (o as Record<string, unknown>)[part] !== undefined
        )
          next.push((o as Record<string, unknown>)[part]);
    }
    level = next;
    if (level.length === 0) found = false;
  }
  const expanded = level.flatMap((v) => (Array.isArray(v) ? [v, ...v] : [v]));
  return { found, values: expanded };
}

function opMatch(op: string, arg: unknown, found: boolean, values: unknown[]): boolean {
  const eq = (v: unknown) =>
    (v === null && (!found || values.includes(null))) || values.some((x) => deepEqual(x, v));
  const cmp = (f: (a: number | string, b: number | string) => boolean) =>
    values.some(
      (x) =>
        typeof x === typeof arg &&
        (typeof x === 'number' || typeof x === 'string') &&
        f(x, arg as number | string),
    );
  switch (op) {
    case '$eq':
      return eq(arg);
    case '$ne':
      return !eq(arg);
    case '$in':
      return (arg as unknown[]).some(eq);
    case '$nin':
      return !(arg as unknown[]).some(eq);
    case '$gt':
      return cmp((a, b) => a > b);
    case '$gte':
      return cmp((a, b) => a >= b);
    case '$lt':
      return cmp((a, b) => a < b);
    case '$lte':
      return cmp((a, b) => a <= b);
    case '$exists':
      return found === arg;
    case '$elemMatch': {
      const [[inner, v]] = Object.entries(arg as object) as [[string, unknown]];
      return values.some((x) => Array.isArray(x) && x.some((e) => opMatch(inner, v, true, [e])));
    }
  }
  throw new Error(`operator outside the subset: ${op}`);
}

function mongoMatch(q: MongoFilter, doc: Record<string, unknown>): boolean {
  return Object.entries(q).every(([k, v]) => {
    if (k === '$and') return (v as MongoFilter[]).every((x) => mongoMatch(x, doc));
    if (k === '$or') return (v as MongoFilter[]).some((x) => mongoMatch(x, doc));
    if (k === '$nor') return !(v as MongoFilter[]).some((x) => mongoMatch(x, doc));
    if (k.startsWith('$')) throw new Error(`top-level operator outside the subset: ${k}`);
    const { found, values } = valuesAt(doc, k);
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      return opMatch('$eq', v, found, values);
    return Object.entries(v).every(([op, arg]) => opMatch(op, arg, found, values));
  });
}

/** Every key of the compiled query is an allowed operator or a safe field path. */
function operatorsIn(q: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(q)) q.forEach((x) => operatorsIn(x, out));
  else if (typeof q === 'object' && q !== null)
    for (const [k, v] of Object.entries(q)) {
      if (k.startsWith('$')) out.add(k);
      else expect(k).toMatch(/^[A-Za-z_][A-Za-z0-9_.]*$/);
      if (k !== '$in' && k !== '$nin' && k !== '$eq' && k !== '$ne') operatorsIn(v, out);
    }
  return out;
}

// ---- generators ------------------------------------------------------------------------------

const FIELDS = ['a', 'b', 'tags', 'n.x', 'n.y', 'status'];
const scalar = fc.oneof(
  fc.constantFrom('x', 'y', 'done', ''),
  fc.integer({ min: -3, max: 3 }),
  fc.boolean(),
  fc.constant(null),
);
const docValue = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }));
const doc = fc.record(
  {
    a: docValue,
    b: docValue,
    tags: fc.array(fc.constantFrom('x', 'y', 'z'), { maxLength: 3 }),
    n: fc.record({ x: docValue, y: docValue }, { requiredKeys: [] }),
    status: fc.constantFrom('submitted', 'done', 'x'),
  },
  { requiredKeys: [] },
);
const value = (op: FilterOp) => {
  switch (op) {
    case 'in':
    case 'nin':
      return fc.array(scalar, { maxLength: 3 });
    case 'exists':
      return fc.boolean();
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('x', 'done', 'm'));
    case 'contains':
      return fc.constantFrom('x', 'y', 'z');
    default:
      return fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }));
  }
};
const condition: fc.Arbitrary<Filter> = fc
  .record({
    field: fc.constantFrom(...FIELDS),
    op: fc.constantFrom<FilterOp>(
      'eq',
      'ne',
      'in',
      'nin',
      'gt',
      'gte',
      'lt',
      'lte',
      'exists',
      'contains',
    ),
  })
  .chain(({ field, op }) =>
    fc.oneof(
      { weight: 5, arbitrary: value(op).map((v) => ({ field, op, value: v }) as Filter) },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom('user.id', 'config.max')
          .map((name) => ({ field, op, value: { var: name } }) as Filter),
      },
    ),
  );
const filter: fc.Arbitrary<Filter> = fc.letrec<{ f: Filter }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    condition,
    fc.array(tie('f'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('f'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
    tie('f').map((not) => ({ not })),
  ),
})).f;
const vars = fc.record(
  { 'user.id': fc.constantFrom('x', 'y'), 'config.max': fc.integer({ min: -3, max: 3 }) },
  { requiredKeys: [] },
);

describe('filter compiler and evaluator', () => {
  it('agree on generated filters and documents', () => {
    fc.assert(
      fc.property(filter, doc, vars, (f, d, v) => {
        const q = compileFilter(f, { communityId: 'c1', vars: v });
        expect(mongoMatch(q, { ...d, communityId: 'c1' })).toBe(evaluateFilter(f, d, v));
        expect(mongoMatch(q, { ...d, communityId: 'c2' })).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('only ever emits allowed operators and always scopes to the community', () => {
    fc.assert(
      fc.property(filter, vars, (f, v) => {
        const q = compileFilter(f, { communityId: 'c1', vars: v });
        expect(q.communityId).toBe('c1');
        for (const op of operatorsIn(q)) expect(MONGO_OPERATORS).toContain(op);
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects hostile trees: operators as keys, $ fields, prototype paths, operator objects as values', () => {
    const hostile: unknown[] = [
      { $where: 'sleep(100)' },
      { field: '$where', op: 'eq', value: 1 },
      { field: 'a', op: '$where', value: 'x' },
      { field: 'a', op: 'eq', value: { $gt: '' } },
      { field: 'a', op: 'eq', value: { var: 'user.id', $ne: 1 } },
      { field: '__proto__.polluted', op: 'eq', value: 1 },
      { field: 'a..b', op: 'eq', value: 1 },
      { field: 'constructor.prototype', op: 'eq', value: 1 },
      { all: [{ field: 'a', op: 'eq', value: 1 }], $or: [] },
      { field: 'a', op: 'in', value: [{ $gt: 1 }] },
      { field: 'a', op: 'eq', value: 1, $expr: {} },
      { not: { field: 'a', op: 'eq', value: { var: 'process.env' } } },
      JSON.parse('{"field":"a","op":"eq","value":1,"__proto__":{"x":1}}'),
    ];
    for (const h of hostile) {
      expect(() => compileFilter(h as Filter, { communityId: 'c1' }), JSON.stringify(h)).toThrow(
        FilterError,
      );
      expect(() => evaluateFilter(h as Filter, {}), JSON.stringify(h)).toThrow(FilterError);
    }
  });

  it('fuzzed junk never compiles to anything outside the allow-list', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (junk) => {
        try {
          const q = compileFilter(junk as unknown as Filter, { communityId: 'c1' });
          for (const op of operatorsIn(q)) expect(MONGO_OPERATORS).toContain(op);
          expect(q.communityId).toBe('c1');
        } catch (e) {
          expect(e).toBeInstanceOf(FilterError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('variables that hold objects or are missing match nothing instead of injecting', () => {
    const f: Filter = { field: 'createdBy', op: 'eq', value: { var: 'user.id' } };
    const q = compileFilter(f, { communityId: 'c1', vars: { 'user.id': { $ne: null } } });
    expect(JSON.stringify(q)).not.toContain('$ne');
    expect(mongoMatch(q, { communityId: 'c1', createdBy: 'u1' })).toBe(false);
    expect(evaluateFilter(f, { createdBy: null }, {})).toBe(false);
    expect(compileFilter(f, { communityId: 'c1', vars: { 'user.id': 'u1' } })).toEqual({
      communityId: 'c1',
      $and: [{ createdBy: { $eq: 'u1' } }],
    });
  });

  it('requires a community id', () => {
    expect(() => compileFilter(undefined, { communityId: '' })).toThrow(FilterError);
    expect(compileFilter(undefined, { communityId: 'c9' })).toEqual({ communityId: 'c9' });
  });
});

describe('relative date values', () => {
  // 2026-03-11 00:30 in Shanghai: UTC still says the 10th.
  const vars = timeVars(new Date('2026-03-10T16:30:00Z'), 'Asia/Shanghai');
  const last30: Filter = {
    field: 'createdAt',
    op: 'gte',
    value: { var: 'now', offset: '-P30D' },
  };
  const tomorrow: Filter = { field: 'date', op: 'eq', value: { var: 'today', offset: 'P1D' } };

  it('the compiler and the evaluator resolve them identically, in the zone', () => {
    expect(compileFilter(tomorrow, { communityId: 'c', vars })).toEqual({
      communityId: 'c',
      $and: [{ date: { $eq: '2026-03-12' } }],
    });
    expect(compileFilter(last30, { communityId: 'c', vars }).$and).toEqual([
      { createdAt: { $gte: '2026-02-08T16:30:00.000Z' } },
    ]);
    expect(evaluateFilter(tomorrow, { date: '2026-03-12' }, vars)).toBe(true);
    expect(evaluateFilter(last30, { createdAt: '2026-02-08T16:29:59.000Z' }, vars)).toBe(false);
    expect(evaluateFilter(last30, { createdAt: '2026-02-08T16:30:00.000Z' }, vars)).toBe(true);
  });

  it('refuses offsets on non-time vars and malformed durations', () => {
    for (const value of [
      { var: 'user.id', offset: 'P1D' },
      { var: 'now', offset: '30 days' },
      { var: 'now', as: 'week' },
      { var: 'now', offset: 'P1D', extra: 1 },
    ])
      expect(() =>
        compileFilter({ field: 'd', op: 'eq', value } as never, { communityId: 'c', vars }),
      ).toThrow(FilterError);
  });

  it('without a zone in the vars a relative value matches nothing', () => {
    const { '@timeZone': _zone, ...noZone } = vars;
    expect(evaluateFilter(tomorrow, { date: '2026-03-12' }, noZone)).toBe(false);
  });
});

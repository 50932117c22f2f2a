import { resolveValue, FilterError } from './compile';
import { checkFilterShape, valueFitsOp } from './shape';
import type { Filter, FilterCondition, FilterVars } from './types';

/**
 * Reads a dotted path with MongoDB's array semantics: the candidates are the value found and,
 * when it is an array, each of its elements; a path continuing through an array of objects
 * collects from every element.
 */
function collect(obj: unknown, parts: string[], at = 0): { found: boolean; values: unknown[] } {
  if (at === parts.length) {
    return { found: true, values: Array.isArray(obj) ? [obj, ...obj] : [obj] };
  }
  const head = parts[at]!;
  if (Array.isArray(obj)) {
    const out: unknown[] = [];
    let found = false;
    if (/^[0-9]+$/.test(head) && Number(head) < obj.length) {
      const r = collect(obj[Number(head)], parts, at + 1);
      found ||= r.found;
      out.push(...r.values);
    }
    for (const el of obj) {
      if (typeof el === 'object' && el !== null && !Array.isArray(el)) {
        const r = collect(el, parts, at);
        found ||= r.found;
        out.push(...r.values);
      }
    }
    return { found, values: out };
  }
  if (typeof obj !== 'object' || obj === null || !Object.prototype.hasOwnProperty.call(obj, head))
    return { found: false, values: [] };
  const next = (obj as Record<string, unknown>)[head];
  if (next === undefined) return { found: false, values: [] };
  return collect(next, parts, at + 1);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (
    typeof a === 'object' &&
    a !== null &&
    typeof b === 'object' &&
    b !== null &&
    !Array.isArray(a) &&
    !Array.isArray(b)
  ) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every(
        (k, i) =>
          k === kb[i] &&
          deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
      )
    );
  }
  return false;
}

function eqMatch(found: boolean, values: unknown[], v: unknown): boolean {
  if (v === null && (!found || values.some((x) => x === null))) return true;
  return values.some((x) => deepEqual(x, v));
}

function compare(op: 'gt' | 'gte' | 'lt' | 'lte', x: unknown, v: number | string): boolean {
  if (typeof x !== typeof v) return false; // MongoDB compares within one type only
  const a = x as number | string;
  if (op === 'gt') return a > v;
  if (op === 'gte') return a >= v;
  if (op === 'lt') return a < v;
  return a <= v;
}

/** A test of one object, built once per tree and vars (a list tests thousands of records). */
export type FilterTest = (obj: unknown) => boolean;

const never: FilterTest = () => false;

function conditionTest(c: FilterCondition, vars: FilterVars): FilterTest {
  const r = resolveValue(c.value, vars);
  if (!r.ok || !valueFitsOp(c.op, r.value)) return never;
  const v = r.value;
  const parts = c.field.split('.');
  const holds = conditionOn(c.op, v);
  return (obj) => holds(collect(obj, parts));
}

/** What operator `op` with its resolved value `v` asks of the values a path reached. */
function conditionOn(
  op: FilterCondition['op'],
  v: unknown,
): (reached: { found: boolean; values: unknown[] }) => boolean {
  switch (op) {
    case 'eq':
      return ({ found, values }) => eqMatch(found, values, v);
    case 'ne':
      return ({ found, values }) => !eqMatch(found, values, v);
    case 'in':
      return ({ found, values }) => (v as unknown[]).some((e) => eqMatch(found, values, e));
    case 'nin':
      return ({ found, values }) => !(v as unknown[]).some((e) => eqMatch(found, values, e));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return ({ values }) => values.some((x) => compare(op, x, v as number | string));
    case 'exists':
      return ({ found }) => found === v;
    case 'contains':
      return ({ values }) => values.some((x) => Array.isArray(x) && x.some((e) => deepEqual(e, v)));
  }
}

function nodeTest(node: Filter, vars: FilterVars): FilterTest {
  if ('all' in node) {
    const tests = node.all.map((n) => nodeTest(n, vars));
    return (obj) => tests.every((t) => t(obj));
  }
  if ('any' in node) {
    const tests = node.any.map((n) => nodeTest(n, vars));
    return (obj) => tests.some((t) => t(obj));
  }
  if ('not' in node) {
    const test = nodeTest(node.not, vars);
    return (obj) => !test(obj);
  }
  return conditionTest(node, vars);
}

/**
 * A filter tree as a test of plain objects: its shape checked and its values resolved once, so
 * testing many objects with one tree (a cached list's records) pays for neither per object.
 */
export function filterTest(tree: Filter | undefined, vars: FilterVars = {}): FilterTest {
  if (tree === undefined) return () => true;
  const problems = checkFilterShape(tree);
  if (problems.length > 0) throw new FilterError('invalid filter', problems);
  return nodeTest(tree, vars);
}

/** Evaluates a filter tree on a plain object (the browser's view of `when` and `x-visibleIf`). */
export function evaluateFilter(
  tree: Filter | undefined,
  obj: unknown,
  vars: FilterVars = {},
): boolean {
  return filterTest(tree, vars)(obj);
}

import { resolveValue, FilterError } from './compile';
import { checkFilterShape, valueFitsOp } from './shape';
import type { Filter, FilterCondition, FilterVars } from './types';

/**
 * Reads a dotted path with MongoDB's array semantics: the candidates are the value found and,
 * when it is an array, each of its elements; a path continuing through an array of objects
 * collects from every element.
 */
function collect(obj: unknown, parts: string[]): { found: boolean; values: unknown[] } {
  if (parts.length === 0) {
    return { found: true, values: Array.isArray(obj) ? [obj, ...obj] : [obj] };
  }
  const [head, ...rest] = parts as [string, ...string[]];
  if (Array.isArray(obj)) {
    const out: unknown[] = [];
    let found = false;
    if (/^[0-9]+$/.test(head) && Number(head) < obj.length) {
      const r = collect(obj[Number(head)], rest);
      found ||= r.found;
      out.push(...r.values);
    }
    for (const el of obj) {
      if (typeof el === 'object' && el !== null && !Array.isArray(el)) {
        const r = collect(el, parts);
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
  return collect(next, rest);
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

function evalCondition(c: FilterCondition, obj: unknown, vars: FilterVars): boolean {
  const r = resolveValue(c.value, vars);
  if (!r.ok || !valueFitsOp(c.op, r.value)) return false;
  const v = r.value;
  const { found, values } = collect(obj, c.field.split('.'));
  switch (c.op) {
    case 'eq':
      return eqMatch(found, values, v);
    case 'ne':
      return !eqMatch(found, values, v);
    case 'in':
      return (v as unknown[]).some((e) => eqMatch(found, values, e));
    case 'nin':
      return !(v as unknown[]).some((e) => eqMatch(found, values, e));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return values.some((x) => compare(c.op as 'gt', x, v as number | string));
    case 'exists':
      return found === v;
    case 'contains':
      return values.some((x) => Array.isArray(x) && x.some((e) => deepEqual(e, v)));
  }
}

function evalNode(node: Filter, obj: unknown, vars: FilterVars): boolean {
  if ('all' in node) return node.all.every((n) => evalNode(n, obj, vars));
  if ('any' in node) return node.any.some((n) => evalNode(n, obj, vars));
  if ('not' in node) return !evalNode(node.not, obj, vars);
  return evalCondition(node, obj, vars);
}

/** Evaluates a filter tree on a plain object (the browser's view of `when` and `x-visibleIf`). */
export function evaluateFilter(
  tree: Filter | undefined,
  obj: unknown,
  vars: FilterVars = {},
): boolean {
  if (tree === undefined) return true;
  const problems = checkFilterShape(tree);
  if (problems.length > 0) throw new FilterError('invalid filter', problems);
  return evalNode(tree, obj, vars);
}

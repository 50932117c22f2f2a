import { parseDuration } from '../time/duration';
import { isTimeAnchor, TIME_AS } from '../time/relative';
import { FILTER_OPS, FILTER_VAR_NAMES } from './types';
import type { Filter, FilterOp } from './types';

export const FILTER_LIMITS = {
  maxNodes: 50,
  maxDepth: 10,
  maxPathSegments: 6,
  maxArrayValues: 100,
  maxStringLength: 1000,
} as const;

const SEGMENT = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]{1,4})$/;
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);
const CONFIG_VAR = /^config(?:\.[A-Za-z_][A-Za-z0-9_]*){1,5}$/;

/** A dotted field path safe to hand to MongoDB and to walk in plain objects. */
export function isSafeFieldPath(path: unknown): path is string {
  if (typeof path !== 'string' || path.length === 0 || path.length > 200) return false;
  const parts = path.split('.');
  if (parts.length > FILTER_LIMITS.maxPathSegments) return false;
  if (!/^[A-Za-z_]/.test(parts[0]!)) return false;
  return parts.every((p) => SEGMENT.test(p) && !FORBIDDEN_SEGMENTS.has(p));
}

export function isFilterVarName(name: unknown): boolean {
  if (typeof name !== 'string') return false;
  if ((FILTER_VAR_NAMES as readonly string[]).includes(name)) return true;
  return CONFIG_VAR.test(name) && !name.split('.').some((p) => FORBIDDEN_SEGMENTS.has(p));
}

export function isFilterOp(op: unknown): op is FilterOp {
  return typeof op === 'string' && (FILTER_OPS as readonly string[]).includes(op);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

export function isScalar(v: unknown): v is string | number | boolean | null {
  return (
    v === null ||
    typeof v === 'boolean' ||
    (typeof v === 'number' && Number.isFinite(v)) ||
    (typeof v === 'string' && v.length <= FILTER_LIMITS.maxStringLength)
  );
}

/** A structural problem in a filter tree: where (JSON pointer below the tree) and which rule. */
export interface FilterShapeProblem {
  pointer: string;
  code:
    | 'filter.shape'
    | 'filter.field'
    | 'filter.op'
    | 'filter.value'
    | 'filter.var'
    | 'filter.relative'
    | 'filter.tooLarge';
}

function ownKeys(v: Record<string, unknown>): string[] {
  return Object.keys(v);
}

/**
 * Checks a filter tree's structure without trusting its type. Used by the compiler at run time
 * (trees may come from storage or requests) and by the manifest's semantic pass.
 */
export function checkFilterShape(tree: unknown, base = ''): FilterShapeProblem[] {
  const problems: FilterShapeProblem[] = [];
  let nodes = 0;
  const visit = (node: unknown, ptr: string, depth: number): void => {
    nodes++;
    if (nodes > FILTER_LIMITS.maxNodes || depth > FILTER_LIMITS.maxDepth) {
      if (nodes === FILTER_LIMITS.maxNodes + 1 || depth === FILTER_LIMITS.maxDepth + 1)
        problems.push({ pointer: ptr, code: 'filter.tooLarge' });
      return;
    }
    if (!isPlainObject(node)) return void problems.push({ pointer: ptr, code: 'filter.shape' });
    const keys = ownKeys(node);
    if (keys.length === 1 && (keys[0] === 'all' || keys[0] === 'any')) {
      const list = node[keys[0]];
      if (!Array.isArray(list) || list.length === 0)
        return void problems.push({ pointer: `${ptr}/${keys[0]}`, code: 'filter.shape' });
      list.forEach((child, i) => visit(child, `${ptr}/${keys[0]}/${i}`, depth + 1));
      return;
    }
    if (keys.length === 1 && keys[0] === 'not') return visit(node.not, `${ptr}/not`, depth + 1);
    const allowed = new Set(['field', 'op', 'value']);
    if (!keys.every((k) => allowed.has(k)) || !('field' in node) || !('op' in node))
      return void problems.push({ pointer: ptr, code: 'filter.shape' });
    if (!isSafeFieldPath(node.field))
      problems.push({ pointer: `${ptr}/field`, code: 'filter.field' });
    if (!isFilterOp(node.op))
      return void problems.push({ pointer: `${ptr}/op`, code: 'filter.op' });
    checkValue(node.op, node.value, `${ptr}/value`, problems);
  };
  visit(tree, base, 0);
  return problems;
}

function checkValue(op: FilterOp, value: unknown, ptr: string, out: FilterShapeProblem[]): void {
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (!keys.includes('var') || !keys.every((k) => VAR_KEYS.has(k)))
      return void out.push({ pointer: ptr, code: 'filter.value' });
    if (!isFilterVarName(value.var)) out.push({ pointer: `${ptr}/var`, code: 'filter.var' });
    else if (keys.length > 1) checkRelative(value, ptr, out);
    return;
  }
  if (!valueFitsOp(op, value)) out.push({ pointer: ptr, code: 'filter.value' });
}

const VAR_KEYS = new Set(['var', 'offset', 'as']);

/** `offset` and `as` belong to time anchors only; the offset must be a duration. */
function checkRelative(
  value: Record<string, unknown>,
  ptr: string,
  out: FilterShapeProblem[],
): void {
  if (!isTimeAnchor(value.var)) return void out.push({ pointer: ptr, code: 'filter.relative' });
  if ('offset' in value && !parseDuration(value.offset))
    out.push({ pointer: `${ptr}/offset`, code: 'filter.relative' });
  if ('as' in value && !(TIME_AS as readonly unknown[]).includes(value.as))
    out.push({ pointer: `${ptr}/as`, code: 'filter.relative' });
}

/** Whether a literal (or a resolved var) is acceptable for an operator. */
export function valueFitsOp(op: FilterOp, value: unknown): boolean {
  switch (op) {
    case 'exists':
      return typeof value === 'boolean';
    case 'in':
    case 'nin':
      return (
        Array.isArray(value) &&
        value.length <= FILTER_LIMITS.maxArrayValues &&
        value.every(isScalar)
      );
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return (
        (typeof value === 'number' && Number.isFinite(value)) ||
        (typeof value === 'string' && isScalar(value))
      );
    case 'contains':
      return isScalar(value);
    case 'eq':
    case 'ne':
      return (
        isScalar(value) ||
        (Array.isArray(value) &&
          value.length <= FILTER_LIMITS.maxArrayValues &&
          value.every(isScalar))
      );
  }
}

/** Walks a filter tree, calling `fn` for every condition with its pointer. */
export function forEachCondition(
  tree: Filter,
  fn: (cond: Extract<Filter, { field: string }>, pointer: string) => void,
  base = '',
): void {
  if ('all' in tree) tree.all.forEach((c, i) => forEachCondition(c, fn, `${base}/all/${i}`));
  else if ('any' in tree) tree.any.forEach((c, i) => forEachCondition(c, fn, `${base}/any/${i}`));
  else if ('not' in tree) forEachCondition(tree.not, fn, `${base}/not`);
  else fn(tree, base);
}

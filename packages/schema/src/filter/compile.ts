import { isTimeAnchor, resolveRelative, type TimeAs } from '../time/relative';
import { checkFilterShape, isPlainObject, isScalar, valueFitsOp } from './shape';
import type { Filter, FilterCondition, FilterOp, FilterVars } from './types';

/** The only operators a compiled filter can contain. */
export const MONGO_OPERATORS = [
  '$and',
  '$or',
  '$nor',
  '$eq',
  '$ne',
  '$in',
  '$nin',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$exists',
  '$elemMatch',
] as const;

export type MongoFilter = { [key: string]: unknown };

export class FilterError extends Error {
  constructor(
    message: string,
    readonly problems: { pointer: string; code: string }[],
  ) {
    super(message);
    this.name = 'FilterError';
  }
}

export interface CompileOptions {
  /** Always added at the top level; the result can never match another community. */
  communityId: string;
  vars?: FilterVars;
}

/** Matches no document; used for conditions whose variable is unknown at run time. */
const NEVER: MongoFilter = { _id: { $in: [] } };

const OP_MAP: Record<Exclude<FilterOp, 'exists' | 'contains'>, string> = {
  eq: '$eq',
  ne: '$ne',
  in: '$in',
  nin: '$nin',
  gt: '$gt',
  gte: '$gte',
  lt: '$lt',
  lte: '$lte',
};

/**
 * Resolves a `{var}` reference. Values that are not scalars or arrays of scalars are treated as
 * unknown, so nothing a request or a user record holds can become an operator object.
 */
export function resolveValue(value: unknown, vars: FilterVars): { ok: boolean; value: unknown } {
  if (!isPlainObject(value)) return { ok: true, value };
  const name = value.var as string;
  if ((value.offset !== undefined || value.as !== undefined) && isTimeAnchor(name)) {
    const v = resolveRelative(vars, name, value.offset as string | undefined, value.as as TimeAs);
    return v === null ? { ok: false, value: undefined } : { ok: true, value: v };
  }
  if (!Object.prototype.hasOwnProperty.call(vars, name)) return { ok: false, value: undefined };
  const v = vars[name];
  if (v === undefined) return { ok: false, value: undefined };
  if (isScalar(v) || (Array.isArray(v) && v.every(isScalar))) return { ok: true, value: v };
  return { ok: false, value: undefined };
}

function compileCondition(c: FilterCondition, vars: FilterVars): MongoFilter {
  const resolved = resolveValue(c.value, vars);
  if (!resolved.ok || !valueFitsOp(c.op, resolved.value)) return NEVER;
  const v = resolved.value;
  if (c.op === 'exists') return { [c.field]: { $exists: v } };
  if (c.op === 'contains') return { [c.field]: { $elemMatch: { $eq: v } } };
  return { [c.field]: { [OP_MAP[c.op]]: v } };
}

function compileNode(node: Filter, vars: FilterVars): MongoFilter {
  if ('all' in node) return { $and: node.all.map((n) => compileNode(n, vars)) };
  if ('any' in node) return { $or: node.any.map((n) => compileNode(n, vars)) };
  if ('not' in node) return { $nor: [compileNode(node.not, vars)] };
  return compileCondition(node, vars);
}

/**
 * Compiles a filter tree to a MongoDB query scoped to one community. The tree is re-checked
 * here (it may come from storage or a request); a malformed tree throws `FilterError`.
 */
export function compileFilter(tree: Filter | undefined, options: CompileOptions): MongoFilter {
  if (typeof options.communityId !== 'string' || options.communityId.length === 0)
    throw new FilterError('communityId is required', [{ pointer: '', code: 'filter.scope' }]);
  if (tree === undefined) return { communityId: options.communityId };
  const problems = checkFilterShape(tree);
  if (problems.length > 0) throw new FilterError('invalid filter', problems);
  return { communityId: options.communityId, $and: [compileNode(tree, options.vars ?? {})] };
}

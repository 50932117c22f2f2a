import type { CollectionDef, Filter, FilterOp, QueryDef } from '@scene/schema';
import { badRequest } from '../../http/errors';
import { own } from '../../own';

const SYSTEM_TYPES: Record<string, string> = {
  _id: 'string',
  createdBy: 'string',
  createdAt: 'string',
  updatedAt: 'string',
  schemaVersion: 'integer',
};

/** The JSON type of a (dotted) field in a collection schema, for reading query-string values. */
export function fieldType(def: CollectionDef, field: string): string {
  const system = own(SYSTEM_TYPES, field);
  if (system) return system;
  let node = def.schema as unknown as Record<string, unknown> | undefined;
  for (const part of field.split('.')) {
    const props = node?.properties as Record<string, Record<string, unknown>> | undefined;
    node = own(props, part);
    if (node?.type === 'array') node = node.items as Record<string, unknown> | undefined;
  }
  if (own(def.counters, field)) return 'integer';
  return typeof node?.type === 'string' ? node.type : 'string';
}

function scalar(type: string, raw: string): string | number | boolean {
  if (type === 'integer' || type === 'number') {
    const n = Number(raw);
    if (
      raw.trim() === '' ||
      !Number.isFinite(n) ||
      (type === 'integer' && !Number.isSafeInteger(n))
    ) {
      throw badRequest(`"${raw.slice(0, 40)}" is not a number.`);
    }
    return n;
  }
  if (type === 'boolean') {
    if (raw !== 'true' && raw !== 'false') throw badRequest('Use true or false.');
    return raw === 'true';
  }
  if (raw.length > 200) throw badRequest('A filter value is too long.');
  return raw;
}

/**
 * Reads client filters `f.<field>.<op>=value` into filter conditions, allowing only the fields
 * and operators the query declares in `filterable`. Values are typed by the field's schema
 * (`in`/`nin` take comma-separated lists); they never become operators.
 */
export function clientFilters(
  query: QueryDef,
  def: CollectionDef,
  params: Record<string, unknown>,
): Filter[] {
  const out: Filter[] = [];
  for (const [key, raw] of Object.entries(params)) {
    if (!key.startsWith('f.')) continue;
    const dot = key.lastIndexOf('.');
    const field = key.slice(2, dot);
    const op = key.slice(dot + 1) as FilterOp;
    const allowed = own(query.filterable, field);
    if (dot <= 2 || !allowed || !allowed.includes(op)) {
      throw badRequest(`Filtering by "${key.slice(0, 60)}" is not allowed here.`, {
        code: 'filter_not_allowed',
      });
    }
    if (typeof raw !== 'string') throw badRequest(`Give "${key.slice(0, 60)}" once, as text.`);
    const type = fieldType(def, field);
    let value: unknown;
    if (op === 'in' || op === 'nin') {
      const parts = raw === '' ? [] : raw.split(',');
      if (parts.length > 100) throw badRequest('At most 100 values in a list.');
      value = parts.map((p) => scalar(type, p));
    } else if (op === 'exists') {
      value = scalar('boolean', raw);
    } else {
      value = scalar(type, raw);
    }
    out.push({ field, op, value } as Filter);
  }
  return out;
}

export const RESERVED_PARAMS = new Set(['cursor', 'limit', 'id', 'sort']);

export function checkParamNames(params: Record<string, unknown>): void {
  for (const k of Object.keys(params)) {
    if (!RESERVED_PARAMS.has(k) && !k.startsWith('f.'))
      throw badRequest(`Unknown parameter "${k.slice(0, 60)}".`);
  }
}

import { getAt, setAt } from './pointer';
import { isConsent, resolveSchema, typeOf } from './schema';
import type { FormSchema } from './types';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/**
 * `value` with every missing `default` (and `const`) filled in, recursively through objects and
 * array items. A missing object is created only when it is required or gains a default inside,
 * so an untouched optional section stays absent. Values already present are never replaced.
 */
export function applyDefaults(
  raw: FormSchema,
  value: unknown,
  root: FormSchema = raw,
  required = true,
): unknown {
  const schema = resolveSchema(raw, root);
  let current = value;
  if (current === undefined) {
    // A consent starts unticked: the person must set it; other constants fill themselves in.
    if (schema.const !== undefined && !isConsent(schema)) return schema.const;
    if (schema.default !== undefined) current = clone(schema.default);
  }
  const type = typeOf(schema);
  if (type === 'object' && (current === undefined || isRecord(current))) {
    const base = current ?? {};
    const need = new Set(schema.required ?? []);
    let out: Record<string, unknown> = base;
    for (const [key, child] of Object.entries(schema.properties ?? {})) {
      const next = applyDefaults(child, base[key], root, need.has(key));
      if (next !== base[key]) out = { ...out, [key]: next };
    }
    if (current === undefined && out === base && !required) return undefined;
    return out === base && current !== undefined ? current : out;
  }
  if (type === 'array' && Array.isArray(current) && schema.items) {
    const items = schema.items;
    const next = current.map((item) => applyDefaults(items, item, root, true));
    return next.every((x, i) => x === (current as unknown[])[i]) ? current : next;
  }
  if (type === 'array' && current === undefined && required) return [];
  return current;
}

/** A fresh value for a new list item: its defaults, or the empty value of its type. */
export function newItem(raw: FormSchema, root: FormSchema): unknown {
  const schema = resolveSchema(raw, root);
  const filled = applyDefaults(schema, undefined, root, true);
  if (filled !== undefined) return filled;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  switch (typeOf(schema)) {
    case 'number':
    case 'integer':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    default:
      return '';
  }
}

function listAt(value: unknown, pointer: string): unknown[] {
  const list = getAt(value, pointer);
  return Array.isArray(list) ? list : [];
}

export function addItem(value: unknown, pointer: string, item: unknown): unknown {
  return setAt(value, pointer, [...listAt(value, pointer), item]);
}

export function removeItem(value: unknown, pointer: string, index: number): unknown {
  return setAt(
    value,
    pointer,
    listAt(value, pointer).filter((_, i) => i !== index),
  );
}

/** Moves an item from `from` to `to`; out-of-range moves leave the value as it was. */
export function moveItem(value: unknown, pointer: string, from: number, to: number): unknown {
  const list = listAt(value, pointer);
  if (from < 0 || to < 0 || from >= list.length || to >= list.length || from === to) return value;
  const next = list.slice();
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved);
  return setAt(value, pointer, next);
}

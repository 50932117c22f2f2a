import { parsePointer, escapeSegment } from './pointer';
import { resolveSchema, typeOf } from './schema';
import type { FormSchema } from './types';

const REF_PREFIX = '#/$defs/';

/** Combinators and conditionals the form cannot turn into one widget. */
const COMBINATORS = ['anyOf', 'allOf', 'not', 'if', 'prefixItems', 'dependentSchemas'] as const;

type Loose = Record<string, unknown>;

/**
 * The first keyword of a schema node that the form's widgets cannot edit (it is outside the
 * vendor subset of MANIFEST.md), or `undefined` when the node is editable. The form shows such a
 * part as a JSON editor with a notice naming the keyword, instead of guessing a widget that could
 * never hold a valid value.
 */
export function unsupportedKeyword(raw: FormSchema, root: FormSchema): string | undefined {
  const ref = raw.$ref;
  if (ref !== undefined) {
    if (!ref.startsWith(REF_PREFIX)) return '$ref';
    if (!root.$defs?.[ref.slice(REF_PREFIX.length)]) return '$ref';
  }
  const schema = resolveSchema(raw, root) as FormSchema & Loose;
  if (Array.isArray(schema.type)) return 'type';
  if (schema.oneOf && schema.enum === undefined) return 'oneOf';
  for (const k of COMBINATORS) if (schema[k] !== undefined) return k;
  if (schema.patternProperties !== undefined) return 'patternProperties';
  if (typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null)
    return 'additionalProperties';
  if (Array.isArray(schema.items)) return 'items';
  // Without a type the form cannot tell a text from a number or a list: any value would do.
  if (typeOf(schema) === undefined && schema['x-options'] === undefined) return 'type';
  return undefined;
}

/**
 * Why a whole form cannot be built from its root: a root that is not an object schema (a `oneOf`
 * of an object and a string, a bare `{}`) has no fields to lay out.
 */
export function unsupportedRoot(root: FormSchema): string | undefined {
  const own = unsupportedKeyword(root, root);
  if (own) return own;
  return typeOf(resolveSchema(root, root)) === 'object' ? undefined : 'type';
}

/**
 * The schema pointer of the value at `valuePointer` (`/rules/0/name` → `/properties/rules/items
 * /properties/name`), for notices that tell a vendor where in the schema the keyword sits.
 */
export function schemaPointerOf(root: FormSchema, valuePointer: string): string {
  let cur: FormSchema = root;
  let out = '';
  for (const seg of parsePointer(valuePointer)) {
    const own = resolveSchema(cur, root);
    if (own.properties?.[seg] !== undefined) {
      out += `/properties/${escapeSegment(seg)}`;
      cur = own.properties[seg]!;
    } else {
      out += '/items';
      cur = own.items ?? {};
    }
  }
  return `#${out}`;
}

import { joinPointer } from './pointer';
import { resolveSchema } from './schema';
import { unsupportedKeyword } from './unsupported';
import { widgetFor } from './widget';
import type { FieldGroup, FieldNode, FormSchema } from './types';

/** Declaration order counts after every explicit `x-order`. */
const UNORDERED = 1_000_000;

/**
 * The properties of an object schema in display order (`x-order`, then declaration order), each
 * with its pointer under `base`, resolved schema, widget and required flag.
 */
export function fieldsOf(
  objectSchema: FormSchema,
  root: FormSchema = objectSchema,
  base = '',
): FieldNode[] {
  const own = resolveSchema(objectSchema, root);
  const required = new Set(own.required ?? []);
  return Object.entries(own.properties ?? {})
    .map(([key, raw], index): FieldNode => {
      const schema = resolveSchema(raw, root);
      return {
        key,
        pointer: joinPointer(base, key),
        schema,
        widget: widgetFor(schema, root),
        required: required.has(key),
        order: schema['x-order'] ?? UNORDERED + index,
        group: schema['x-group'],
        unsupported: unsupportedKeyword(raw, root),
      };
    })
    .sort((a, b) => a.order - b.order);
}

/**
 * Fields split by the root's `x-groups` (in the order the root lists them); fields without a
 * known group come first. Empty groups are left out.
 */
export function groupFields(fields: FieldNode[], root: FormSchema): FieldGroup[] {
  const groups = root['x-groups'] ?? [];
  const known = new Set(groups.map((g) => g.id));
  const out: FieldGroup[] = [];
  const loose = fields.filter((f) => f.group === undefined || !known.has(f.group));
  if (loose.length > 0) out.push({ group: undefined, fields: loose });
  for (const group of groups) {
    const members = fields.filter((f) => f.group === group.id);
    if (members.length > 0) out.push({ group, fields: members });
  }
  return out;
}

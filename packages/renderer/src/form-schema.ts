import {
  configFields,
  fieldsFormSchema,
  fieldsFromLimits,
  type ActionDef,
  type VendorSchema,
} from '@scene/schema';
import type { FormSchema } from '@scene/forms';
import { readPath } from './bindings';

type Options = { bind?: unknown; value?: unknown; label?: unknown };

/** Turns an array from the configuration into `enum` + `x-labels` on a string field. */
function withOptions(
  schema: FormSchema,
  list: unknown,
  valueKey = 'id',
  labelKey = 'label',
): FormSchema {
  if (!Array.isArray(list) || list.length === 0) return schema;
  const values: string[] = [];
  const labels: Record<string, unknown> = {};
  for (const entry of list) {
    if (typeof entry === 'string') {
      values.push(entry);
    } else if (typeof entry === 'object' && entry !== null) {
      const value = (entry as Record<string, unknown>)[valueKey];
      if (typeof value !== 'string') continue;
      values.push(value);
      const label = (entry as Record<string, unknown>)[labelKey];
      if (label !== undefined) labels[value] = label;
    }
  }
  if (!values.length) return schema;
  return {
    ...schema,
    enum: values,
    'x-labels': { ...labels, ...(schema['x-labels'] as object) },
  } as FormSchema;
}

/**
 * The form an action shows: its input schema with
 * - `x-options: {bind: "config.categories", value: "id", label: "label"}` filled in as an enum
 *   (and, for plugins written before that hint, a `select` field whose plural name is a
 *   config array, e.g. `category` ← `config.categories`, `publicArea` ← `config.publicAreas`);
 * - the fields given as fixed `values` removed, and only `fields` kept when listed;
 * - `choices` (field → people) turned into a select, for a step that assigns someone;
 * - a create action's `fieldsFrom` drawn as one field per config entry (a survey's questions),
 *   under the action's field name, as the server checks them.
 */
export function formSchemaFor(
  action: ActionDef,
  config: Record<string, unknown>,
  fixed: Record<string, unknown> = {},
  only?: string[],
  choices: Record<string, { id: string; label: string }[]> = {},
  collectionSchema?: VendorSchema,
): FormSchema {
  const input = (action.input ?? { type: 'object', properties: {} }) as FormSchema;
  const properties: Record<string, FormSchema> = {};
  for (const [name, prop] of Object.entries(input.properties ?? {})) {
    if (name in fixed) continue;
    if (only && only.length && !only.includes(name)) continue;
    let field = prop;
    const hint = (prop as { 'x-options'?: Options })['x-options'];
    if (hint && typeof hint.bind === 'string' && hint.bind.startsWith('config.')) {
      field = withOptions(
        field,
        readPath({ config }, hint.bind),
        String(hint.value ?? 'id'),
        String(hint.label ?? 'label'),
      );
    } else if (prop['x-widget'] === 'select' && !prop.enum) {
      const plural = name.endsWith('y') ? `${name.slice(0, -1)}ies` : `${name}s`;
      field = withOptions(field, config[plural]);
    }
    // People to choose from (an assignee picker): a select of display names, values are ids.
    const people = choices[name];
    if (people)
      field = { ...withOptions(field, people, 'id', 'label'), 'x-widget': 'select' } as FormSchema;
    properties[name] = field;
  }
  const from = action.type === 'create' ? action.fieldsFrom : undefined;
  const required = (input.required ?? []).filter((r) => r in properties);
  if (from && !(from.field in fixed)) {
    const fields = configFields(from, readPath({ config }, from.bind));
    const limits = fieldsFromLimits(collectionSchema, from.field);
    // The group is titled as the collection names the field (a raw field name never shows).
    const declared = (collectionSchema?.properties?.[from.field] as { title?: unknown })?.title;
    properties[from.field] = {
      ...fieldsFormSchema(fields, limits),
      title: declared ?? action.label,
    } as FormSchema;
    if (fields.some((f) => f.required)) required.push(from.field);
  }
  return { ...input, properties, required };
}

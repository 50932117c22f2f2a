import { WIDGETS } from '@scene/schema';
import { isConsent, resolveSchema, typeOf } from './schema';
import type { FormSchema, SchemaTypeName, WidgetKind } from './types';

const HINTS: ReadonlySet<string> = new Set(WIDGETS);

const STRING_WIDGETS = new Set<WidgetKind>([
  'input',
  'textarea',
  'markdown',
  'date',
  'datetime',
  'time',
  'color',
  'icon',
  'phone',
]);

/** Long free text gets a textarea even without a hint. */
const TEXTAREA_FROM_LENGTH = 200;

/** Whether a hint can edit a value of this type; a hint that cannot is ignored. */
function fits(
  hint: WidgetKind,
  type: SchemaTypeName | undefined,
  schema: FormSchema,
  root: FormSchema,
): boolean {
  const items = schema.items ? resolveSchema(schema.items, root) : undefined;
  switch (hint) {
    case 'hidden':
      return true;
    case 'switch':
      return type === 'boolean';
    case 'checkbox':
      return type === 'boolean' || (type === 'array' && items !== undefined && hasChoices(items));
    case 'number':
    case 'slider':
    case 'rate':
      return type === 'number' || type === 'integer';
    case 'select':
    case 'radio':
      return hasChoices(schema) || (hint === 'select' && items !== undefined && hasChoices(items));
    case 'list':
    case 'tags':
      return type === 'array';
    case 'image-upload':
    case 'file-upload':
      return type === 'string' || (type === 'array' && typeOf(items ?? {}) === 'string');
    case 'object':
      return type === 'object';
    default:
      return type === 'string' && STRING_WIDGETS.has(hint);
  }
}

/**
 * Which widget edits a field: the vendor's `x-widget` hint when it fits the type, otherwise one
 * chosen from the schema's shape (const → hidden, enum → select, format → date pickers, ...).
 */
export function widgetFor(raw: FormSchema, root: FormSchema = raw): WidgetKind {
  const schema = resolveSchema(raw, root);
  const type = typeOf(schema);
  const hint = schema['x-widget'];
  if (hint && HINTS.has(hint) && fits(hint as WidgetKind, type, schema, root)) {
    return hint as WidgetKind;
  }
  if (isConsent(schema)) return 'checkbox';
  if (schema.const !== undefined) return 'hidden';
  if (hasChoices(schema)) return 'select';
  switch (type) {
    case 'boolean':
      return 'switch';
    case 'integer':
    case 'number':
      return 'number';
    case 'object':
      return 'object';
    case 'array': {
      const items = resolveSchema(schema.items ?? {}, root);
      if (hasChoices(items)) return 'checkbox';
      if (items['x-ref'] === 'upload') return 'file-upload';
      if (typeOf(items) === 'string' && items.format === undefined) return 'tags';
      return 'list';
    }
    default:
      if (schema['x-ref'] === 'upload') return 'file-upload';
      if (schema.format === 'date') return 'date';
      if (schema.format === 'date-time') return 'datetime';
      if (schema.format === 'time') return 'time';
      if (schema['x-pii'] === 'phone') return 'phone';
      if ((schema.maxLength ?? 0) > TEXTAREA_FROM_LENGTH) return 'textarea';
      return 'input';
  }
}

function hasChoices(schema: FormSchema): boolean {
  return schema.enum !== undefined || schema['x-options'] !== undefined;
}

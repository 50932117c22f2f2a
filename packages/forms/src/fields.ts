/** The JSON Schema keywords the form core reads; vendor schemas are a restricted subset. */
export interface FieldSchema {
  type?: string | string[];
  title?: string | Record<string, string>;
  description?: string | Record<string, string>;
  enum?: unknown[];
  format?: string;
  default?: unknown;
  properties?: Record<string, FieldSchema>;
  required?: string[];
  items?: FieldSchema;
  'x-widget'?: string;
  'x-order'?: number;
  'x-group'?: string;
}

export type WidgetKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'switch'
  | 'select'
  | 'date'
  | 'datetime'
  | 'color'
  | 'image'
  | 'object'
  | 'array';

export interface FieldDescriptor {
  name: string;
  schema: FieldSchema;
  widget: WidgetKind;
  required: boolean;
  order: number;
}

/** Which widget shows a field: the vendor's `x-widget` hint wins, then the schema's shape. */
export function widgetFor(schema: FieldSchema): WidgetKind {
  const hint = schema['x-widget'];
  if (hint && (WIDGETS as readonly string[]).includes(hint)) return hint as WidgetKind;
  if (schema.enum) return 'select';
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'boolean':
      return 'switch';
    case 'integer':
    case 'number':
      return 'number';
    case 'object':
      return 'object';
    case 'array':
      return 'array';
    default:
      if (schema.format === 'date') return 'date';
      if (schema.format === 'date-time') return 'datetime';
      return 'text';
  }
}

const WIDGETS = [
  'text',
  'textarea',
  'number',
  'switch',
  'select',
  'date',
  'datetime',
  'color',
  'image',
  'object',
  'array',
] as const;

/** The fields of an object schema in display order (`x-order`, then declaration order). */
export function fieldsOf(schema: FieldSchema): FieldDescriptor[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .map(([name, s], index) => ({
      name,
      schema: s,
      widget: widgetFor(s),
      required: required.has(name),
      order: s['x-order'] ?? 1000 + index,
    }))
    .sort((a, b) => a.order - b.order);
}

import type { FormSchema, Option, WidgetKind } from './types';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

const isRecord = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLiteral = (v: unknown): boolean =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
const strings = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Whether a stored value can be shown by its widget. A value of another shape (a `"x"` where a
 * time picker expects `HH:mm`, a number in a text field, a string where a list is) is shown raw
 * and marked invalid instead: widget libraries throw or silently drop what they cannot parse,
 * and the person would lose the value without seeing it. `undefined` (not filled) always fits.
 */
export function valueFits(
  widget: WidgetKind,
  value: unknown,
  schema: FormSchema,
  options: readonly Option[],
): boolean {
  if (value === undefined || widget === 'hidden') return true;
  switch (widget) {
    case 'number':
    case 'slider':
    case 'rate':
      return typeof value === 'number' && Number.isFinite(value);
    case 'switch':
      return typeof value === 'boolean';
    case 'checkbox':
      return schema.type === 'array'
        ? Array.isArray(value) && value.every(isLiteral)
        : typeof value === 'boolean';
    case 'select':
    case 'radio':
    case 'icon': {
      const many = Array.isArray(value);
      const values = many ? value : [value];
      if (!values.every(isLiteral)) return false;
      // Options bound to a config the form was not given are unknown: any literal may be right.
      return options.length === 0 || values.every((v) => options.some((o) => o.value === v));
    }
    case 'date':
      return typeof value === 'string' && DATE.test(value);
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value));
    case 'time':
      return typeof value === 'string' && TIME.test(value);
    case 'tags':
      return strings(value);
    case 'image-upload':
    case 'file-upload':
      return typeof value === 'string' || strings(value);
    case 'list':
      return Array.isArray(value);
    case 'object':
      return isRecord(value);
    default:
      return typeof value === 'string';
  }
}

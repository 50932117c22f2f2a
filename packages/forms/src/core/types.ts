import type {
  Filter,
  JsonLiteral,
  LocalizedText,
  SchemaType,
  XGroup,
  XOptions,
} from '@scene/schema';

export type Locale = 'zh-CN' | 'en';

export type SchemaTypeName = SchemaType;

/** A localized text as vendors write it; a plain string is accepted for hand-written schemas. */
export type Text = LocalizedText | string;

/**
 * The JSON Schema keywords the form reads: the vendor subset (see MANIFEST.md) plus `oneOf` of
 * `const`+`title` items, which the form treats as an enum with labels. Every `VendorSchema` is a
 * `FormSchema`; hints the form does not know (an unknown `x-widget`) are ignored, not rejected.
 */
export interface FormSchema {
  type?: SchemaType;
  title?: Text;
  description?: Text;
  default?: unknown;
  const?: JsonLiteral;
  enum?: readonly JsonLiteral[];
  oneOf?: readonly FormSchema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  items?: FormSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  properties?: Readonly<Record<string, FormSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean;
  $ref?: string;
  $defs?: Readonly<Record<string, FormSchema>>;
  'x-widget'?: string;
  'x-group'?: string;
  'x-groups'?: readonly XGroup[];
  'x-order'?: number;
  'x-pii'?: string;
  'x-ref'?: string;
  'x-visibleIf'?: Filter;
  'x-labels'?: Readonly<Record<string, Text>>;
  'x-placeholder'?: Text;
  /** Options read from an array of objects in the plugin's config (`bind: config.<path>`). */
  'x-options'?: XOptions;
  'x-icon'?: string;
}

/**
 * How a field is edited. The vendor `x-widget` names plus `object` (a nested fieldset) and
 * `array` (a list of scalar items with no better widget).
 */
export type WidgetKind =
  | 'input'
  | 'textarea'
  | 'number'
  | 'switch'
  | 'select'
  | 'radio'
  | 'checkbox'
  | 'date'
  | 'datetime'
  | 'time'
  | 'image-upload'
  | 'file-upload'
  | 'markdown'
  | 'color'
  | 'icon'
  | 'slider'
  | 'rate'
  | 'phone'
  | 'tags'
  | 'list'
  | 'hidden'
  | 'object';

/** One property of an object schema, resolved and placed. */
export interface FieldNode {
  /** Property name (or item index as a string inside a list). */
  key: string;
  /** JSON pointer of the value from the form root: `/address/building`, `/items/0/name`. */
  pointer: string;
  /** The property's schema with `$ref` resolved and `oneOf` choices turned into `enum` + labels. */
  schema: FormSchema;
  widget: WidgetKind;
  required: boolean;
  order: number;
  /** Id of an `x-groups` entry of the root schema, when the property names one. */
  group: string | undefined;
  /**
   * A keyword outside the supported subset (`patternProperties`, a remote `$ref`, a type
   * array...): the field is edited as JSON under a notice naming it.
   */
  unsupported?: string;
}

export interface FieldGroup {
  /** `undefined` for the fields that belong to no group. */
  group: XGroup | undefined;
  fields: FieldNode[];
}

/**
 * What the form reads besides its own value: the plugin's config (for `x-options` and
 * `{var: "config.…"}` in `x-visibleIf`) and other filter vars (`user.id`, `today`...).
 */
export interface FormEnv {
  config?: unknown;
  vars?: Readonly<Record<string, unknown>>;
}

export interface Option {
  value: JsonLiteral;
  label: string;
}

/** Messages per JSON pointer (`''` is the form root). */
export type FieldErrors = Record<string, string[]>;

/** Stores a file and resolves to its upload id; reports progress as a fraction 0..1. */
export type UploadFn = (file: File, onProgress: (fraction: number) => void) => Promise<string>;

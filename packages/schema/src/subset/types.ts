import type { LocalizedText } from '../manifest/types';
import type { Filter } from '../filter/types';
import type { IconName } from '../manifest/vocabulary';

export const SCHEMA_TYPES = ['object', 'array', 'string', 'number', 'integer', 'boolean'] as const;
export type SchemaType = (typeof SCHEMA_TYPES)[number];

export const STRING_FORMATS = ['date', 'date-time', 'time', 'email', 'uri', 'uuid'] as const;
export type StringFormat = (typeof STRING_FORMATS)[number];

/** Editing widgets the forms package knows; `x-widget` may only name one of these. */
export const WIDGETS = [
  'input',
  'textarea',
  'number',
  'switch',
  'select',
  'radio',
  'checkbox',
  'date',
  'datetime',
  'time',
  'image-upload',
  'file-upload',
  'markdown',
  'color',
  'icon',
  'slider',
  'rate',
  'phone',
  'tags',
  'list',
  'hidden',
] as const;
export type Widget = (typeof WIDGETS)[number];

/** Kinds of personal data; decides masking (phone 138****1234, ...) and review. */
export const PII_KINDS = [
  'name',
  'phone',
  'id-number',
  'address',
  'email',
  'health',
  'minor',
  'location',
  'other',
] as const;
export type PiiKind = (typeof PII_KINDS)[number];

/**
 * `x-ref`: what a string value points at. `upload` = an upload id from the platform's upload
 * store, `user` = a platform user id, `collection:<name>` = a record id in this plugin.
 */
export type XRef = 'upload' | 'user' | `collection:${string}`;

export type JsonLiteral = string | number | boolean | null;
export type JsonValue = JsonLiteral | JsonValue[] | { [key: string]: JsonValue };

/**
 * The restricted JSON Schema 2020-12 subset vendors write for `config`, collection documents and
 * action inputs. No remote `$ref` (only `#/$defs/<name>`), no `$data`, no combinators, objects
 * are closed (additionalProperties is false whether written or not).
 */
export interface VendorSchema {
  type?: SchemaType;
  title?: LocalizedText;
  description?: LocalizedText;
  default?: JsonValue;
  const?: JsonLiteral;
  enum?: JsonLiteral[];
  // strings
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: StringFormat;
  // numbers
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  // arrays
  items?: VendorSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  // objects
  properties?: Record<string, VendorSchema>;
  required?: string[];
  additionalProperties?: false;
  $ref?: `#/$defs/${string}`;
  $defs?: Record<string, VendorSchema>;
  // UI hints
  'x-widget'?: Widget;
  /** Group id; the root schema lists groups in `x-groups`. */
  'x-group'?: string;
  'x-groups'?: XGroup[];
  'x-order'?: number;
  'x-pii'?: PiiKind;
  'x-ref'?: XRef;
  /** Show this field only when the form's current value matches (fields relative to the form root). */
  'x-visibleIf'?: Filter;
  /** Labels for `enum` values, keyed by the value as a string. */
  'x-labels'?: Record<string, LocalizedText>;
  'x-placeholder'?: LocalizedText;
  /**
   * A `date` or `date-time` input that may not lie in the past: a date today or later, an instant
   * after now, in the community's time zone (a vote's closing time, a booking's day).
   */
  'x-notPast'?: true;
  /** Options from a config array: a select in forms; the server rejects values not among them. */
  'x-options'?: XOptions;
  'x-icon'?: IconName;
}

export interface XOptions {
  /** `config.<path>` naming an array of objects. */
  bind: `config.${string}`;
  /** Property of each element stored as the value. */
  value: string;
  /** Property of each element shown (LocalizedText or string). */
  label: string;
}

export interface XGroup {
  id: string;
  title: LocalizedText;
}

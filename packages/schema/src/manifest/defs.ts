// JSON Schema definitions shared by the manifest and portal meta-schemas. Vocabularies come from
// the same constants as the TypeScript types.
import { FILTER_OPS } from '../filter/types';
import { PII_KINDS, SCHEMA_TYPES, STRING_FORMATS, WIDGETS } from '../subset/types';
import { DURATION_PATTERN } from '../time/duration';
import { TIME_ANCHORS } from '../time/relative';
import { BIND_ROOTS, ICONS, PLATFORM_ROLES } from './vocabulary';

export const PATTERNS = {
  identifier: '^[a-z][a-zA-Z0-9_]{0,39}$',
  fieldName: '^[A-Za-z][A-Za-z0-9_]{0,39}$',
  viewId: '^[a-z][a-z0-9-]{0,39}$',
  pluginId: '^[a-z][a-z0-9-]{0,29}\\.[a-z][a-z0-9-]{0,39}$',
  vendorId: '^[a-z][a-z0-9-]{0,29}$',
  roleRef: `^(?:${PLATFORM_ROLES.join('|')}|plugin:[a-z][a-zA-Z0-9_]{0,39})$`,
  fieldPath: '^[A-Za-z_][A-Za-z0-9_]*(?:\\.(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]{1,4})){0,5}$',
  varName: `^(?:user\\.(?:id|communityId|roles|actsFor|household)|member\\.(?:ageBand|building|unit|householdRole|tags)|${TIME_ANCHORS.join('|')}|config(?:\\.[A-Za-z_][A-Za-z0-9_]*){1,5})$`,
  bindPath: `^(?:${BIND_ROOTS.join('|')})(?:\\.[A-Za-z_][A-Za-z0-9_]*){0,6}$`,
  localRef: '^#/\\$defs/[A-Za-z][A-Za-z0-9_]{0,39}$',
  xRef: '^(?:upload|user|collection:[a-z][a-zA-Z0-9_]{0,39})$',
  route: '^[a-z0-9-]{1,40}(?:/[a-z0-9-]{1,40}){0,3}$',
  date: '^\\d{4}-\\d{2}-\\d{2}$',
  color: '^#[0-9a-fA-F]{6}$',
  semverish: '^[0-9A-Za-z.+<>=^~|*\\- ]{1,64}$',
} as const;

const scalar = { type: ['string', 'number', 'boolean', 'null'], maxLength: 1000 };

/** `offset` and `as` of a relative date value (`{"var": "now", "offset": "-P30D"}`). */
export const relativeKeys = {
  offset: { type: 'string', pattern: DURATION_PATTERN },
  as: { enum: ['date', 'timestamp', 'month'] },
};

export const commonDefs = {
  localizedText: {
    type: 'object',
    properties: {
      'zh-CN': { type: 'string', minLength: 1, maxLength: 4000 },
      en: { type: 'string', minLength: 1, maxLength: 4000 },
    },
    required: ['zh-CN', 'en'],
    additionalProperties: false,
  },
  identifier: { type: 'string', pattern: PATTERNS.identifier },
  roleRef: { type: 'string', pattern: PATTERNS.roleRef },
  roleList: {
    type: 'array',
    minItems: 1,
    maxItems: 20,
    uniqueItems: true,
    items: { $ref: '#/$defs/roleRef' },
  },
  icon: { enum: [...ICONS] },
  binding: {
    type: 'object',
    properties: { bind: { type: 'string', pattern: PATTERNS.bindPath } },
    required: ['bind'],
    additionalProperties: false,
  },
  numberOrBinding: {
    type: ['number', 'object'],
    minimum: 0,
    maximum: 1000000,
    properties: { bind: { type: 'string', pattern: PATTERNS.bindPath } },
    required: ['bind'],
    additionalProperties: false,
  },
  json: true,
  // The structure of a filter node is checked in detail by checkFilterShape in the semantic pass;
  // here only its keys and their types, so errors stay precise instead of oneOf noise.
  filter: {
    type: 'object',
    minProperties: 1,
    properties: {
      all: { type: 'array', minItems: 1, maxItems: 20, items: { $ref: '#/$defs/filter' } },
      any: { type: 'array', minItems: 1, maxItems: 20, items: { $ref: '#/$defs/filter' } },
      not: { $ref: '#/$defs/filter' },
      field: { type: 'string', pattern: PATTERNS.fieldPath },
      op: { enum: [...FILTER_OPS] },
      value: {
        type: ['string', 'number', 'boolean', 'null', 'array', 'object'],
        maxLength: 1000,
        maxItems: 100,
        items: scalar,
        properties: {
          var: { type: 'string', pattern: PATTERNS.varName },
          ...relativeKeys,
        },
        required: ['var'],
        additionalProperties: false,
      },
    },
    dependentRequired: { field: ['op'], op: ['field'], value: ['op'] },
    additionalProperties: false,
  },
  vendorSchema: {
    type: 'object',
    properties: {
      type: { enum: [...SCHEMA_TYPES] },
      title: { $ref: '#/$defs/localizedText' },
      description: { $ref: '#/$defs/localizedText' },
      default: true,
      const: scalar,
      enum: { type: 'array', minItems: 1, maxItems: 200, uniqueItems: true, items: scalar },
      minLength: { type: 'integer', minimum: 0, maximum: 100000 },
      maxLength: { type: 'integer', minimum: 0, maximum: 100000 },
      pattern: { type: 'string', minLength: 1, maxLength: 200 },
      format: { enum: [...STRING_FORMATS] },
      minimum: { type: 'number' },
      maximum: { type: 'number' },
      exclusiveMinimum: { type: 'number' },
      exclusiveMaximum: { type: 'number' },
      multipleOf: { type: 'number', exclusiveMinimum: 0 },
      items: { $ref: '#/$defs/vendorSchema' },
      minItems: { type: 'integer', minimum: 0, maximum: 1000 },
      maxItems: { type: 'integer', minimum: 0, maximum: 1000 },
      uniqueItems: { type: 'boolean' },
      properties: {
        type: 'object',
        maxProperties: 100,
        propertyNames: { pattern: PATTERNS.fieldName },
        additionalProperties: { $ref: '#/$defs/vendorSchema' },
      },
      required: {
        type: 'array',
        maxItems: 100,
        uniqueItems: true,
        items: { type: 'string', pattern: PATTERNS.fieldName },
      },
      additionalProperties: { const: false },
      $ref: { type: 'string', pattern: PATTERNS.localRef },
      $defs: {
        type: 'object',
        maxProperties: 50,
        propertyNames: { pattern: PATTERNS.fieldName },
        additionalProperties: { $ref: '#/$defs/vendorSchema' },
      },
      'x-widget': { enum: [...WIDGETS] },
      'x-group': { $ref: '#/$defs/identifier' },
      'x-groups': {
        type: 'array',
        maxItems: 20,
        items: {
          type: 'object',
          properties: {
            id: { $ref: '#/$defs/identifier' },
            title: { $ref: '#/$defs/localizedText' },
          },
          required: ['id', 'title'],
          additionalProperties: false,
        },
      },
      'x-order': { type: 'integer', minimum: 0, maximum: 10000 },
      'x-pii': { enum: [...PII_KINDS] },
      'x-ref': { type: 'string', pattern: PATTERNS.xRef },
      'x-visibleIf': { $ref: '#/$defs/filter' },
      'x-labels': {
        type: 'object',
        maxProperties: 200,
        additionalProperties: { $ref: '#/$defs/localizedText' },
      },
      'x-placeholder': { $ref: '#/$defs/localizedText' },
      'x-notPast': { const: true },
      'x-options': {
        type: 'object',
        properties: {
          bind: { type: 'string', pattern: '^config(?:\\.[A-Za-z_][A-Za-z0-9_]*){1,5}$' },
          value: { type: 'string', pattern: PATTERNS.fieldName },
          label: { type: 'string', pattern: PATTERNS.fieldName },
        },
        required: ['bind', 'value', 'label'],
        additionalProperties: false,
      },
      'x-icon': { $ref: '#/$defs/icon' },
    },
    additionalProperties: false,
  },
  objectSchema: {
    type: 'object',
    allOf: [{ $ref: '#/$defs/vendorSchema' }],
    properties: { type: { const: 'object' } },
    required: ['type'],
  },
  viewNode: {
    type: 'object',
    properties: {
      type: { type: 'string', pattern: '^[a-z][a-z-]{0,30}$' },
      props: { type: 'object', maxProperties: 40 },
      children: { type: 'array', maxItems: 100, items: { $ref: '#/$defs/viewNode' } },
      when: { $ref: '#/$defs/filter' },
    },
    required: ['type'],
    additionalProperties: false,
  },
} as const;

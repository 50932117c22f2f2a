// Building blocks for primitive props schemas.
import { PATTERNS } from '../manifest/defs';
import { ICONS, TONES } from '../manifest/vocabulary';
import { dateValueSchema } from '../manifest/parts/aggregates';

export const lt = {
  type: 'object',
  properties: {
    'zh-CN': { type: 'string', minLength: 1, maxLength: 4000 },
    en: { type: 'string', minLength: 1, maxLength: 4000 },
  },
  required: ['zh-CN', 'en'],
  additionalProperties: false,
} as const;

export const binding = {
  type: 'object',
  properties: { bind: { type: 'string', pattern: PATTERNS.bindPath } },
  required: ['bind'],
  additionalProperties: false,
} as const;

/** Localized text or a binding; `$comment` names the hint shown when neither fits. */
export const text = { $comment: 'text-or-binding', anyOf: [lt, binding] } as const;
export const source = {
  $comment: 'image-source',
  anyOf: [
    { type: 'string', maxLength: 500, pattern: '^(?:upload:[A-Za-z0-9_-]{1,64}|https://\\S+)$' },
    binding,
  ],
} as const;
export const literalOrBinding = {
  $comment: 'value-or-binding',
  anyOf: [{ type: ['string', 'number', 'boolean', 'null'], maxLength: 1000 }, binding],
} as const;

export const ref = { type: 'string', pattern: PATTERNS.identifier } as const;
export const field = { type: 'string', pattern: PATTERNS.fieldPath } as const;
export const icon = { enum: [...ICONS] } as const;
export const tone = { enum: [...TONES] } as const;
export const int = (minimum: number, maximum: number) =>
  ({ type: 'integer', minimum, maximum }) as const;
export const bool = { type: 'boolean' } as const;
export const navigate = {
  type: 'object',
  properties: { view: { type: 'string', pattern: PATTERNS.viewId }, id: binding },
  required: ['view'],
  additionalProperties: false,
} as const;
export const values = {
  type: 'object',
  maxProperties: 20,
  propertyNames: { pattern: PATTERNS.fieldName },
  additionalProperties: literalOrBinding,
} as const;

export function props(properties: Record<string, unknown>, required: string[] = []) {
  return { type: 'object', properties, required, additionalProperties: false } as const;
}

/**
 * What `stat` and `chart` take over an aggregate query: the measure to show (default the first),
 * the range to ask for (`from`/`to`: a local date, a timestamp or a relative date) and a unit.
 */
export const figureProps = {
  measure: ref,
  params: {
    type: 'object',
    properties: { from: dateValueSchema, to: dateValueSchema },
    additionalProperties: false,
  },
  unit: text,
} as const;

import { PERMISSION_SCOPES } from '@scene/schema';
import { component } from './components';
import type { JsonSchema } from './validation';

/** Small JSON Schemas shared by many routes. */
export const s = {
  str: (maxLength: number, minLength = 1): JsonSchema => ({ type: 'string', minLength, maxLength }),
  id: { type: 'string', pattern: '^[a-f0-9]{24}$' } as JsonSchema,
  communityId: { type: 'string', pattern: '^[a-z0-9-]{3,40}$' } as JsonSchema,
  pluginId: {
    type: 'string',
    pattern: '^[a-z][a-z0-9-]{0,29}\\.[a-z][a-z0-9-]{0,39}$',
  } as JsonSchema,
  semver: {
    type: 'string',
    maxLength: 64,
    pattern:
      '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?$',
  } as JsonSchema,
  /** A manifest identifier (schedule, action, collection…). */
  identifier: { type: 'string', pattern: '^[a-z][a-zA-Z0-9_]{0,39}$' } as JsonSchema,
  username: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$' } as JsonSchema,
  password: { type: 'string', minLength: 8, maxLength: 200 } as JsonSchema,
  localized: {
    type: 'object',
    properties: {
      'zh-CN': { type: 'string', minLength: 1, maxLength: 4000 },
      en: { type: 'string', minLength: 1, maxLength: 4000 },
    },
    required: ['zh-CN', 'en'],
    additionalProperties: false,
  } as JsonSchema,
  limit: (max = 100, dflt = 50): JsonSchema => ({
    type: 'integer',
    minimum: 1,
    maximum: max,
    default: dflt,
  }),
};

/** An object schema: closed, with the listed properties required. */
export function obj(properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
  return { type: 'object', properties, required, additionalProperties: false };
}

export const communityParams = obj({ communityId: s.communityId }, ['communityId']);

// --- answers ----------------------------------------------------------------------------------

/** An ISO 8601 instant as the API writes it (`Date#toISOString`). */
export const dateTime: JsonSchema = { type: 'string', format: 'date-time' };

/** `schema` or `null`. */
export const nullable = (schema: JsonSchema): JsonSchema => ({
  anyOf: [schema, { type: 'null' }],
});

export const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });

/** Permission scopes a plugin asks for and an operator grants. */
export const permissionScopes = arrayOf({ enum: [...PERMISSION_SCOPES] });

/** `{ items: [...] }`, the shape of every plain list answer. */
export const itemsOf = (items: JsonSchema): JsonSchema => obj({ items: arrayOf(items) }, ['items']);

/** A value whose JSON Schema lives in @scene/schema; the client types it as `tsType`. */
export const sceneType = (tsType: string, description: string): JsonSchema => ({
  type: 'object',
  description,
  'x-ts-type': tsType,
});

export const localizedText = component('LocalizedText', {
  type: 'object',
  properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } },
  required: ['zh-CN', 'en'],
  additionalProperties: false,
});

/** One finding in an error's `details` or a report: where (a JSON pointer), what, in both languages. */
export const issueDetail = component(
  'IssueDetail',
  obj(
    {
      pointer: { type: 'string' },
      message: { type: 'string' },
      code: { type: 'string' },
      severity: { enum: ['error', 'warning'] },
      messages: localizedText,
    },
    ['pointer', 'message'],
  ),
);

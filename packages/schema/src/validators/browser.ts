import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import type { SchemaError } from '../errors/schema-error';

/**
 * Validation of vendor schemas that only exist at run time (a plugin's config schema, an
 * action's input) where code generation is not allowed: the studio's and the portal's CSP forbid
 * `eval`, which Ajv's compiler needs. @cfworker/json-schema interprets the schema instead. Its
 * output is converted to Ajv's error shape, so the one formatter (`errors/format.ts`,
 * `errors/field.ts`) words it exactly like the server's and the CLI's errors.
 *
 * The server keeps compiling vendor schemas with Ajv (validators/cache.ts): it is faster there
 * and has no CSP. Fixed schemas are precompiled (src/generated, see generate.ts) and never come
 * here.
 */
export type BrowserValidator = (data: unknown) => SchemaError[];

/** Keywords whose unit only says "something below failed"; the failure below has its own unit. */
const WRAPPERS = new Set([
  'properties',
  'patternProperties',
  'items',
  'prefixItems',
  'additionalItems',
  '$ref',
  '$recursiveRef',
  'allOf',
  'false',
  'contains',
  'dependentSchemas',
  'dependencies',
  'if',
  'then',
  'else',
  'unevaluatedProperties',
  'unevaluatedItems',
]);

const LIMITS = new Set([
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
]);

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** `#/a/b%20c` (cfworker's URI-fragment form) → `/a/b c`, escapes (`~0`, `~1`) kept. */
const toPointer = (location: string): string => decodeURIComponent(location.replace(/^#/, ''));
const segments = (pointer: string): string[] =>
  pointer === '' ? [] : pointer.slice(1).split('/').map(unescape);
const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

function at(root: unknown, pointer: string): unknown {
  let cur = root;
  for (const seg of segments(pointer)) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isNode(cur) && own(cur, seg)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

/** The schema object holding a keyword, following `$ref` the way the validator did. */
function schemaAt(root: unknown, keywordLocation: string): Node {
  const path = segments(toPointer(keywordLocation)).slice(0, -1);
  let cur: unknown = root;
  for (const seg of path) {
    if (seg === '$ref' && isNode(cur) && typeof cur.$ref === 'string')
      cur = cur.$ref.startsWith('#') ? at(root, toPointer(cur.$ref)) : undefined;
    else if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isNode(cur) && own(cur, seg)) cur = cur[seg];
    else return {};
  }
  return isNode(cur) ? cur : {};
}

/** The names cfworker puts only into its English error text, read back out of it. */
const NAMED: Record<string, RegExp> = {
  required: /^Instance does not have required property "(.*)"\.$/s,
  additionalProperties: /^Property "(.*)" does not match additional properties schema\.$/s,
  propertyNames: /^Property name "(.*)" does not match schema\.$/s,
  dependentRequired: /^Instance has "(.*)" but does not have "(.*)"\.$/s,
};

function convert(unit: OutputUnit, root: unknown, data: unknown): SchemaError | null {
  const { keyword } = unit;
  if (WRAPPERS.has(keyword)) return null;
  const parentSchema = schemaAt(root, unit.keywordLocation);
  if (keyword === 'additionalProperties' && parentSchema.additionalProperties !== false)
    return null;
  const instancePath = toPointer(unit.instanceLocation);
  const params: Record<string, unknown> = {};
  const named = NAMED[keyword]?.exec(unit.error);
  if (keyword === 'required') params.missingProperty = named?.[1];
  else if (keyword === 'additionalProperties') params.additionalProperty = named?.[1];
  else if (keyword === 'propertyNames') params.propertyName = named?.[1];
  else if (keyword === 'dependentRequired')
    Object.assign(params, { property: named?.[1], missingProperty: named?.[2] });
  else if (keyword === 'type') params.type = [parentSchema.type].flat().join(',');
  else if (keyword === 'enum') params.allowedValues = parentSchema.enum;
  else if (keyword === 'const') params.allowedValue = parentSchema.const;
  else if (keyword === 'pattern') params.pattern = parentSchema.pattern;
  else if (keyword === 'format') params.format = parentSchema.format;
  else if (keyword === 'multipleOf') params.multipleOf = parentSchema.multipleOf;
  else if (LIMITS.has(keyword)) params.limit = parentSchema[keyword];
  return {
    keyword,
    instancePath,
    schemaPath: unit.keywordLocation,
    params,
    parentSchema,
    data: at(data, instancePath),
  };
}

/** Prepares a vendor schema once (JSON Schema 2020-12, all errors) for repeated validation. */
export function createBrowserValidator(schema: object): BrowserValidator {
  // Vendor schemas are plain JSON Schema; cfworker's `Schema` type only refuses our `x-*` keys.
  const validator = new Validator(schema as Schema, '2020-12', false);
  return (value) => {
    // What the server would receive: JSON drops `undefined` properties and turns holes into
    // null, and cfworker refuses `undefined` outright.
    const data: unknown = value === undefined ? null : JSON.parse(JSON.stringify(value));
    const result = validator.validate(data);
    if (result.valid) return [];
    const out: SchemaError[] = [];
    // A failed property name also reports the name's own failure below it; the name says it all.
    let namesAt: string | undefined;
    for (const unit of result.errors) {
      if (namesAt && unit.keywordLocation.startsWith(namesAt)) continue;
      namesAt = unit.keyword === 'propertyNames' ? `${unit.keywordLocation}/` : undefined;
      const e = convert(unit, schema, data);
      if (e) out.push(e);
    }
    return out;
  };
}

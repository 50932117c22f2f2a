import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { own } from '../own';
import { validationFailed } from './errors';

/** A JSON Schema as the routes write it (2020-12). */
export type JsonSchema = Record<string, unknown>;

/** Where in the request a value came from; the first segment of every error pointer. */
export type RequestPart = 'params' | 'query' | 'body';

export interface FieldError {
  /** RFC 6901 pointer into the request, e.g. `/body/theme/primaryColor`. */
  pointer: string;
  message: string;
}

// ajv-formats is CommonJS with a default export; under ESM interop it may arrive wrapped.
export const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

/**
 * Annotation keywords route schemas may carry for the OpenAPI document: `example`, and
 * `x-ts-type`, the @scene/schema type the generated client uses for a value (a manifest, a
 * portal) whose full JSON Schema lives in that package.
 */
export const SCHEMA_ANNOTATIONS = ['example', 'x-ts-type'] as const;

/**
 * The one ajv instance that validates requests. No type coercion here: JSON bodies must carry
 * the right types. Query strings are coerced beforehand by `coerceQuery`, from the same schema,
 * which is the only place a string may become a number or a boolean.
 */
const ajv = new Ajv2020({
  allErrors: true,
  strict: true,
  useDefaults: true,
  multipleOfPrecision: 9, // 0.3 is a multiple of 0.1 (see createVendorAjv)
  keywords: [...SCHEMA_ANNOTATIONS],
});
addFormats(ajv);

const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function validatorFor(schema: JsonSchema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}

/** Compiles a route's schema now, so a broken schema fails at start-up rather than on a request. */
export function precompile(schema: JsonSchema): void {
  validatorFor(schema);
}

/** Validates one part of a request in place (defaults are filled in); throws a 400 on failure. */
export function validatePart(part: RequestPart, schema: JsonSchema, value: unknown): void {
  const validate = validatorFor(schema);
  if (validate(value)) return;
  throw validationFailed(
    `The request ${part === 'body' ? 'body' : part === 'query' ? 'query string' : 'path'} is not valid.`,
    toFieldErrors(part, validate.errors ?? []),
  );
}

export function toFieldErrors(part: RequestPart, errors: ErrorObject[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errors) {
    let pointer = `/${part}${e.instancePath}`;
    let message = e.message ?? 'is not valid';
    if (e.keyword === 'required') {
      pointer += `/${escape(String((e.params as { missingProperty: string }).missingProperty))}`;
      message = 'is required';
    } else if (e.keyword === 'additionalProperties') {
      pointer += `/${escape(String((e.params as { additionalProperty: string }).additionalProperty))}`;
      message = 'is not allowed here';
    }
    const key = `${pointer}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pointer, message });
    if (out.length >= 50) break;
  }
  return out;
}

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Turns query-string values into the types the query schema asks for (integer, number, boolean,
 * array of those). Values that do not convert are left as strings so validation reports them.
 */
export function coerceQuery(
  schema: JsonSchema,
  query: Record<string, unknown>,
): Record<string, unknown> {
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  // fromEntries defines own properties, so a `__proto__` parameter stays a plain (refused) key.
  return Object.fromEntries(
    Object.entries(query).map(([key, raw]) => {
      const prop = own(props, key);
      return [key, prop ? coerceValue(prop, raw) : raw];
    }),
  );
}

function coerceValue(schema: JsonSchema, raw: unknown): unknown {
  if (schema.type === 'array') {
    const items = (schema.items ?? {}) as JsonSchema;
    const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [raw];
    return list.map((v) => coerceValue(items, v));
  }
  if (typeof raw !== 'string') return raw;
  if (schema.type === 'integer' && /^-?\d{1,15}$/.test(raw)) return Number(raw);
  if (schema.type === 'number' && raw.trim() !== '' && Number.isFinite(Number(raw))) {
    return Number(raw);
  }
  if (schema.type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import { keywordMessage } from './messages';
import { getAt, joinPointer, normalizePointer, parsePointer } from './pointer';
import { hiddenPointers, isUnderAny } from './visibility';
import type { FieldErrors, FormSchema, Locale } from './types';

/** Keywords that only say "something below failed"; the failure below is reported on its own. */
const WRAPPERS = new Set([
  'properties',
  'items',
  'prefixItems',
  '$ref',
  'allOf',
  'anyOf',
  'false',
  'contains',
  'unevaluatedProperties',
  'unevaluatedItems',
]);

export interface FormValidator {
  /**
   * Errors per field pointer, in the locale's words. Fields hidden by `x-visibleIf` are not
   * checked: the user cannot see or fix them.
   */
  validate(value: unknown, locale: Locale, vars?: Readonly<Record<string, unknown>>): FieldErrors;
}

/** Compiles a schema once (draft 2020-12, no `eval`, CSP-safe) for repeated validation. */
export function createValidator(schema: FormSchema): FormValidator {
  // The subset is plain JSON Schema; cfworker's `Schema` type is only stricter about `x-*` keys.
  const validator = new Validator(schema as unknown as Schema, '2020-12', false);
  return {
    validate(value, locale, vars = {}) {
      const result = validator.validate(value);
      if (result.valid) return {};
      const hidden = hiddenPointers(schema, value, vars);
      const out = new Map<string, Set<string>>();
      const add = (pointer: string, message: string): void => {
        if (isUnderAny(pointer, hidden)) return;
        if (!out.has(pointer)) out.set(pointer, new Set());
        out.get(pointer)!.add(message);
      };
      for (const unit of result.errors) mapError(unit, schema, value, locale, add);
      return Object.fromEntries([...out].map(([k, v]) => [k, [...v]]));
    },
  };
}

function mapError(
  unit: OutputUnit,
  root: FormSchema,
  value: unknown,
  locale: Locale,
  add: (pointer: string, message: string) => void,
): void {
  const { keyword } = unit;
  if (WRAPPERS.has(keyword) || unit.keywordLocation.includes('/oneOf/')) return;
  const pointer = normalizePointer(unit.instanceLocation);
  const node = schemaAt(root, unit.keywordLocation);
  switch (keyword) {
    case 'required': {
      const here = getAt(value, pointer);
      const present = typeof here === 'object' && here !== null ? here : {};
      for (const key of node.required ?? []) {
        if (!(key in present))
          add(joinPointer(pointer, key), keywordMessage('required', {}, locale));
      }
      return;
    }
    case 'additionalProperties': {
      const name = /"(.*)"/.exec(unit.error)?.[1] ?? '';
      add(pointer, keywordMessage(keyword, { name }, locale));
      return;
    }
    case 'type':
      add(pointer, keywordMessage(keyword, { type: String(node.type) }, locale));
      return;
    case 'format':
      add(pointer, keywordMessage(keyword, { format: String(node.format) }, locale));
      return;
    default: {
      const limit = (node as Record<string, unknown>)[keyword];
      add(
        pointer,
        keywordMessage(keyword, { limit: typeof limit === 'number' ? limit : '' }, locale),
      );
    }
  }
}

/** The schema object that holds the failed keyword (following `$ref` like the validator did). */
function schemaAt(root: FormSchema, keywordLocation: string): FormSchema {
  const segments = parsePointer(keywordLocation).slice(0, -1);
  let cur: unknown = root;
  for (const seg of segments) {
    if (typeof cur !== 'object' || cur === null) return {};
    if (seg === '$ref') {
      const ref = (cur as FormSchema).$ref ?? '';
      cur = root.$defs?.[ref.replace('#/$defs/', '')];
    } else {
      cur = (cur as Record<string, unknown>)[seg];
    }
  }
  return typeof cur === 'object' && cur !== null ? (cur as FormSchema) : {};
}

import { Validator, type Schema } from '@cfworker/json-schema';
import {
  manifestMetaSchema,
  validateManifest,
  type Issue,
  type ValidationResult,
} from '@scene/schema';

/**
 * validateManifest compiles its meta-schema with Ajv, which needs `new Function`; the server's
 * CSP for the studio forbids that (no 'unsafe-eval'). Where eval is refused, the meta-schema is
 * checked with an interpreting validator (@cfworker/json-schema, as @scene/forms does) and the
 * semantic checks are left to the registry, whose refusal the editor places on the same lines.
 */
let evalAllowed: boolean | undefined;
export function canCompileSchemas(): boolean {
  if (evalAllowed === undefined) {
    try {
      // The probe is the point: it tells whether the page's CSP lets Ajv compile validators.
      // eslint-disable-next-line no-new-func
      evalAllowed = new Function('return true')() === true;
    } catch {
      evalAllowed = false;
    }
  }
  return evalAllowed;
}

/** For tests: force either path (undefined: probe again). */
export function setCanCompileSchemas(value: boolean | undefined): void {
  evalAllowed = value;
}

// Keywords that only say "something below failed"; the failure below is reported on its own.
const WRAPPERS = new Set([
  'properties',
  'items',
  'prefixItems',
  '$ref',
  'allOf',
  'anyOf',
  'oneOf',
  'if',
  'then',
  'else',
  'additionalProperties',
]);

let meta: Validator | undefined;

export interface SafeValidation extends ValidationResult {
  /** False when only the meta-schema was checked (the registry runs the rest on submit). */
  complete: boolean;
}

export function validateManifestSafe(json: unknown): SafeValidation {
  if (canCompileSchemas()) return { ...validateManifest(json), complete: true };
  meta ??= new Validator(manifestMetaSchema as unknown as Schema, '2020-12', false);
  const result = meta.validate(json);
  const seen = new Set<string>();
  const errors: Issue[] = [];
  for (const unit of result.errors) {
    if (WRAPPERS.has(unit.keyword) && result.errors.length > 1) continue;
    const pointer = unit.instanceLocation.replace(/^#/, '');
    const key = `${pointer}\u0000${unit.error}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push({
      pointer,
      code: `schema.${unit.keyword}`,
      severity: 'error',
      message: { 'zh-CN': `不符合清单结构：${unit.error}`, en: unit.error },
    });
  }
  return { ok: result.valid, errors, warnings: [], complete: false };
}

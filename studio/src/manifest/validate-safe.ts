import { Validator, type Schema } from '@cfworker/json-schema';
import { manifestMetaSchema, type Issue, type ValidationResult } from '@scene/schema';

/**
 * The manifest's structure, checked in the browser without compiling code: validateManifest
 * uses Ajv, which needs `new Function`, and the studio's CSP forbids eval. So the browser checks
 * the meta-schema with an interpreting validator (@cfworker/json-schema, as @scene/forms does)
 * and leaves the rest (semantics, version, upgrade gate) to the registry's dry run
 * (`POST /api/v1/plugins/validate`), which gives exactly the errors publishing would.
 */
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

export type SafeValidation = ValidationResult;

export function validateManifestSafe(json: unknown): SafeValidation {
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
  return { ok: result.valid, errors, warnings: [] };
}

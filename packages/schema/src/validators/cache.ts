import type Ajv2020 from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { schemaIssues } from '../errors/format';
import type { Issue } from '../errors/issue';
import type { PluginManifest } from '../manifest/types';
import { toRuntimeSchema } from '../subset/compile';
import type { VendorSchema } from '../subset/types';
import { createVendorAjv } from './ajv';

/** Validates one value; `errors` are translated issues with pointers into the value. */
export interface DataValidator {
  (data: unknown): { ok: boolean; errors: Issue[] };
  /** The underlying compiled function, for hot paths that only need a boolean. */
  readonly check: ValidateFunction;
}

interface Entry {
  ajv: Ajv2020;
  validators: Map<string, DataValidator>;
}

/** Published plugin versions are immutable, so `id@version` identifies a compiled set. */
const cache = new Map<string, Entry>();
const MAX_PLUGIN_VERSIONS = 500;

function entryFor(manifest: PluginManifest): Entry {
  const key = `${manifest.id}@${manifest.version}`;
  let entry = cache.get(key);
  if (entry) {
    cache.delete(key); // re-insert: Map order doubles as LRU order
    cache.set(key, entry);
    return entry;
  }
  entry = { ajv: createVendorAjv(), validators: new Map() };
  cache.set(key, entry);
  if (cache.size > MAX_PLUGIN_VERSIONS) cache.delete(cache.keys().next().value!);
  return entry;
}

function cached(
  manifest: PluginManifest,
  key: string,
  schema: () => VendorSchema | undefined,
): DataValidator {
  const entry = entryFor(manifest);
  const hit = entry.validators.get(key);
  if (hit) return hit;
  const source = schema();
  if (!source) throw new Error(`${manifest.id}@${manifest.version} has no ${key}`);
  const check = entry.ajv.compile(toRuntimeSchema(source));
  const validator = Object.assign(
    (data: unknown) =>
      check(data) ? { ok: true, errors: [] } : { ok: false, errors: schemaIssues(check.errors) },
    { check },
  ) as DataValidator;
  entry.validators.set(key, validator);
  return validator;
}

const EMPTY_INPUT: VendorSchema = { type: 'object', additionalProperties: false };

export function getActionValidator(manifest: PluginManifest, action: string): DataValidator {
  return cached(manifest, `action:${action}`, () => {
    const def = Object.prototype.hasOwnProperty.call(manifest.actions, action)
      ? manifest.actions[action]
      : undefined;
    return def ? (def.input ?? EMPTY_INPUT) : undefined;
  });
}

export function getCollectionValidator(
  manifest: PluginManifest,
  collection: string,
): DataValidator {
  return cached(manifest, `collection:${collection}`, () =>
    Object.prototype.hasOwnProperty.call(manifest.collections, collection)
      ? manifest.collections[collection]!.schema
      : undefined,
  );
}

export function getConfigValidator(manifest: PluginManifest): DataValidator {
  return cached(manifest, 'config', () => manifest.config);
}

export function clearValidatorCache(): void {
  cache.clear();
}

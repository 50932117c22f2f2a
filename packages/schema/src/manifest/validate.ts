import type { ValidateFunction } from 'ajv';
import { ajvToIssues, createAjv } from '../errors/ajv';
import type { Issue, ValidationResult } from '../errors/issue';
import { toResult } from '../errors/issue';
import { upgradeIssues } from '../diff/gate';
import { manifestMetaSchema } from './meta-schema';
import { semanticIssues } from './semantic/index';
import type { PluginManifest } from './types';

let metaValidator: ValidateFunction | undefined;
function meta(): ValidateFunction {
  metaValidator ??= createAjv().compile(manifestMetaSchema);
  return metaValidator;
}

export interface ValidateManifestOptions {
  /** The latest published version of the same plugin: enables the upgrade gate (semver bump, migrations). */
  previous?: PluginManifest;
}

/**
 * Validates a plugin manifest: the meta-schema first, then (when that is clean) the semantic
 * pass, then the upgrade gate against `previous`. Issues are sorted and deduplicated.
 */
export function validateManifest(
  json: unknown,
  options: ValidateManifestOptions = {},
): ValidationResult {
  const v = meta();
  if (!v(json)) return toResult(ajvToIssues(v.errors));
  const m = json as PluginManifest;
  const issues: Issue[] = semanticIssues(m);
  if (options.previous && !issues.some((i) => i.severity === 'error'))
    issues.push(...upgradeIssues(options.previous, m));
  return toResult(issues);
}

/** Narrowing helper: a manifest that passed validateManifest. */
export function isValidManifest(json: unknown): json is PluginManifest {
  return validateManifest(json).ok;
}

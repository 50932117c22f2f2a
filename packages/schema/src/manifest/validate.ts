import { schemaIssues } from '../errors/format';
import type { Issue, ValidationResult } from '../errors/issue';
import { toResult } from '../errors/issue';
import { upgradeIssues } from '../diff/gate';
import { manifest as metaSchema } from '../generated/manifest';
import { semanticIssues } from './semantic/index';
import type { PluginManifest } from './types';

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
  // The meta-schema's validator is precompiled (generated/manifest.js): no code is compiled here.
  if (!metaSchema(json)) return toResult(schemaIssues(metaSchema.errors));
  const m = json as PluginManifest;
  const issues: Issue[] = semanticIssues(m);
  if (options.previous && !issues.some((i) => i.severity === 'error'))
    issues.push(...upgradeIssues(options.previous, m));
  return toResult(issues);
}

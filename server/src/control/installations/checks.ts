import { diffPlugins, getConfigValidator, type PluginManifest } from '@scene/schema';
import type { Actor } from '../auth/actor';
import { HttpError } from '../../http/errors';
import { issueDetails } from '../registry/publish-checks';
import type { InstallationDoc } from './model';

/** What an installation's rules check, apart from the stored state they are given. */

export interface UpgradeReport {
  pluginId: string;
  from: string;
  to: string;
  breaking: boolean;
  changes: ReturnType<typeof diffPlugins>['changes'];
  /** Scopes the new version asks for that were not granted: the operator must consent. */
  newPermissions: string[];
  /** Views the live portal places that the new version no longer has. */
  missingViews: string[];
  /** Config keys of the current config that the new version rejects. */
  configProblems: ReturnType<typeof issueDetails>;
}

export function checkConfig(manifest: PluginManifest, config: Record<string, unknown>): void {
  const r = getConfigValidator(manifest)(config);
  if (!r.ok)
    throw new HttpError(
      400,
      'validation_failed',
      'The configuration does not match the plugin.',
      issueDetails(r.errors, '/config'),
    );
}

export function checkConsent(
  required: string[],
  accepted: string[] | undefined,
  actor: Actor | 'system',
): void {
  if (actor === 'system') return; // standard plugins are approved for every community
  const missing = required.filter((p) => !(accepted ?? []).includes(p));
  if (missing.length) {
    throw new HttpError(400, 'consent_required', 'Accept the permissions the plugin asks for.', {
      missing,
    });
  }
}

/** How upgrading `current` from `prev` to `next` would go, given the views the live portal uses. */
export function upgradeReport(
  current: InstallationDoc,
  prev: PluginManifest,
  next: PluginManifest,
  used: Set<string>,
): UpgradeReport {
  const diff = diffPlugins(prev, next);
  const config = getConfigValidator(next)(JSON.parse(current.configJson));
  return {
    pluginId: current.pluginId,
    from: current.version,
    to: next.version,
    breaking: diff.breaking,
    changes: diff.changes,
    newPermissions: next.permissions
      .map((p) => p.scope)
      .filter((p) => !current.grantedPermissions.includes(p)),
    missingViews: [...used].filter((v) => !next.views.some((nv) => nv.id === v)),
    configProblems: config.ok ? [] : issueDetails(config.errors, '/config'),
  };
}

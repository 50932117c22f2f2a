import {
  checkUpgrade,
  upgradeRefusal,
  validateManifest,
  type Issue,
  type PluginManifest,
} from '@scene/schema';
import semver from 'semver';
import type { Actor } from '../auth/actor';
import { HttpError } from '../../http/errors';
import { PLATFORM_VERSION } from '../../version';
import type { PluginVersionDoc, ReviewStatus } from './model';

/**
 * Issues from @scene/schema as error details, in both languages, with pointers into what the
 * vendor (or operator) wrote: a manifest's pointers start at its root, never at `/body`.
 */
export function issueDetails(issues: Issue[], prefix = '') {
  return issues.slice(0, 100).map((i) => ({
    pointer: `${prefix}${i.pointer}`,
    message: i.message.en,
    code: i.code,
    severity: i.severity,
    messages: i.message,
  }));
}

/** A publish dry run that passed (one that fails answers with publish's error). */
export interface PublishCheck {
  ok: true;
  warnings: ReturnType<typeof issueDetails>;
  upgrade?: NonNullable<PluginVersionDoc['upgrade']>;
}

/** What the checks read of the registry: the plugin's versions so far, and a stored manifest. */
export interface PublishedSoFar {
  versions(pluginId: string): Promise<{ version: string; status: ReviewStatus }[]>;
  manifest(pluginId: string, version: string): Promise<PluginManifest>;
}

/**
 * Every check publishing makes before it stores a version (schema, semantics, vendor, version,
 * the breaking-change gate against the previous version); throws the HttpError to answer.
 */
export async function assessPublish(actor: Actor, json: unknown, published: PublishedSoFar) {
  const result = validateManifest(json);
  if (!result.ok) {
    throw new HttpError(
      400,
      'validation_failed',
      'The manifest is not valid.',
      issueDetails(result.errors),
    );
  }
  const manifest = json as PluginManifest;
  if (!actor.platformRoles.includes('admin') && manifest.vendor.id !== actor.vendorId) {
    throw new HttpError(
      403,
      'vendor_mismatch',
      `You publish for vendor "${actor.vendorId ?? '-'}", not "${manifest.vendor.id}".`,
    );
  }
  const version = semver.parse(manifest.version);
  if (!version)
    throw new HttpError(400, 'validation_failed', 'The version is not semver.', [
      { pointer: '/version', message: 'must be semver' },
    ]);

  const existing = await published.versions(manifest.id);
  if (existing.some((v) => v.version === manifest.version)) {
    throw new HttpError(
      409,
      'version_exists',
      `${manifest.id}@${manifest.version} is already published; versions are immutable.`,
    );
  }
  const newest = existing.map((v) => v.version).sort(semver.rcompare)[0];
  if (newest && semver.lte(manifest.version, newest)) {
    throw new HttpError(409, 'version_not_newer', `The version must be greater than ${newest}.`);
  }
  // The breaking-change gate compares with the newest version that was not rejected.
  const previousVersion = existing
    .filter((v) => v.status !== 'rejected')
    .map((v) => v.version)
    .sort(semver.rcompare)[0];
  let upgrade: PluginVersionDoc['upgrade'] | undefined;
  if (previousVersion) {
    const previous = await published.manifest(manifest.id, previousVersion);
    const check = checkUpgrade(previous, manifest);
    if (!check.allowed) {
      throw new HttpError(
        400,
        'breaking_change',
        upgradeRefusal(check, previousVersion).en,
        issueDetails(check.issues),
      );
    }
    upgrade = {
      from: previousVersion,
      breaking: check.diff.breaking,
      requiredBump: check.requiredBump,
    };
  }

  const warnings = [...result.warnings];
  if (!semver.satisfies(PLATFORM_VERSION, manifest.engines.platform)) {
    warnings.push({
      pointer: '/engines/platform',
      code: 'engines.platform',
      severity: 'warning',
      message: {
        'zh-CN': `当前平台版本 ${PLATFORM_VERSION} 不在此范围内。`,
        en: `The current platform ${PLATFORM_VERSION} is outside this range.`,
      },
    });
  }
  return { manifest, version, upgrade, warnings: issueDetails(warnings) };
}

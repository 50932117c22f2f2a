// Single functions rather than the whole package: the studio runs this in the browser.
import diffVersions from 'semver/functions/diff.js';
import gt from 'semver/functions/gt.js';
import major from 'semver/functions/major.js';
import validVersion from 'semver/functions/valid.js';
import type { Issue } from '../errors/issue';
import { sortIssues } from '../errors/issue';
import { issue } from '../errors/messages';
import type { LocalizedText, PluginManifest } from '../manifest/types';
import { diffPlugins, type PluginChange } from './diff';
import type { PluginDiff } from './diff';

export type Bump = 'major' | 'minor' | 'patch' | 'none';

export interface UpgradeCheck {
  allowed: boolean;
  /** The smallest bump the changes need (breaking → major; additions → minor; display-only → patch). */
  requiredBump: Bump;
  actualBump: VersionChange;
  diff: PluginDiff;
  /** Why it is not allowed (errors), with pointers into the new manifest. */
  issues: Issue[];
}

const RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

/** What a new version number is relative to the previous one: the kind of the version change. */
export type VersionChange = Exclude<Bump, 'none'> | 'prerelease' | 'downgrade';

/**
 * The kind of the change from version `prev` to version `next`. The one place that decides it:
 * the upgrade gate, `scene plugin diff` and the studio's review screens all ask here.
 */
export function versionChange(prev: string, next: string): VersionChange {
  if (!validVersion(prev) || !validVersion(next) || !gt(next, prev)) return 'downgrade';
  const d = diffVersions(prev, next);
  if (d === 'major' || d === 'premajor')
    return major(prev) === major(next) ? 'prerelease' : 'major';
  if (d === 'minor' || d === 'preminor') return 'minor';
  if (d === 'patch' || d === 'prepatch') return 'patch';
  return 'prerelease';
}

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

/** Each kind of version change, and of required bump, in words. */
export const VERSION_CHANGE_TEXT: Record<VersionChange | Bump, LocalizedText> = {
  major: t('主版本升级', 'major version'),
  minor: t('次版本升级', 'minor version'),
  patch: t('修订版本升级', 'patch version'),
  none: t('无需新版本', 'no new version'),
  prerelease: t('预发布版本', 'prerelease'),
  downgrade: t('版本号未提高', 'not a higher version'),
};

/** Whether migrations of `collection` chain from `from` to `to`. */
function chains(m: PluginManifest, collection: string, from: number, to: number): boolean {
  let at = from;
  const steps = m.migrations.filter((x) => x.collection === collection);
  for (let guard = 0; at < to && guard < 1000; guard++) {
    const next = steps.find((x) => x.from === at);
    if (!next) return false;
    at = next.to;
  }
  return at === to;
}

/** The registry's gate: may `next` be published after `prev`? */
export function checkUpgrade(prev: PluginManifest, next: PluginManifest): UpgradeCheck {
  const diff = diffPlugins(prev, next);
  const issues: Issue[] = [];
  if (prev.id !== next.id)
    issues.push(
      issue(
        '/id',
        'upgrade.id',
        `插件 id 不可更改（原为 “${prev.id}”）。`,
        `A plugin id cannot change (was "${prev.id}").`,
      ),
    );
  const actual = versionChange(prev.version, next.version);
  if (actual === 'downgrade')
    issues.push(
      issue(
        '/version',
        'upgrade.version',
        `新版本 ${next.version} 必须高于 ${prev.version}。`,
        `The new version ${next.version} must be greater than ${prev.version}.`,
      ),
    );
  let required: Bump = diff.changes.length === 0 ? 'none' : 'patch';
  const patchLevel = (c: PluginChange) => c.kind === 'annotation' || c.kind === 'behaviour';
  if (diff.changes.some((c) => !patchLevel(c))) required = 'minor';
  if (diff.breaking) required = 'major';
  // Below 1.0.0, semver treats the minor as the major.
  const effective =
    required === 'major' && validVersion(prev.version) && major(prev.version) === 0
      ? 'minor'
      : required;
  const actualRank = actual === 'downgrade' || actual === 'prerelease' ? 0 : RANK[actual];
  if (actual !== 'downgrade' && actualRank < RANK[effective]) {
    const why = diff.changes.find((c) => c.breaking) ?? diff.changes.find((c) => !patchLevel(c));
    issues.push(
      issue(
        '/version',
        'upgrade.bump',
        `这些改动需要${VERSION_CHANGE_TEXT[effective]['zh-CN']}（如 ${why?.pointer} ${why?.message['zh-CN']}），而 ${prev.version} → ${next.version} 是${VERSION_CHANGE_TEXT[actual]['zh-CN']}。`,
        `These changes need a ${VERSION_CHANGE_TEXT[effective].en} (e.g. ${why?.pointer}: ${why?.message.en}) but ${prev.version} → ${next.version} is a ${VERSION_CHANGE_TEXT[actual].en}.`,
      ),
    );
  }
  for (const [name, nc] of Object.entries(next.collections)) {
    const pc = Object.prototype.hasOwnProperty.call(prev.collections, name)
      ? prev.collections[name]
      : undefined;
    if (!pc) continue;
    const ptr = `/collections/${name}/schemaVersion`;
    const breakingHere = diff.changes.some(
      (c) => c.area !== 'config' && c.area !== 'action' && c.name === name && c.breaking,
    );
    if (nc.schemaVersion < pc.schemaVersion)
      issues.push(
        issue(
          ptr,
          'upgrade.schemaVersion',
          `schemaVersion 不能降低（原为 ${pc.schemaVersion}）。`,
          `schemaVersion cannot go down (was ${pc.schemaVersion}).`,
        ),
      );
    else if (breakingHere && nc.schemaVersion === pc.schemaVersion)
      issues.push(
        issue(
          ptr,
          'upgrade.schemaVersion',
          `集合 “${name}” 有不兼容的改动，须提高 schemaVersion 并声明迁移。`,
          `Collection "${name}" has breaking changes: raise schemaVersion and declare a migration.`,
        ),
      );
    else if (
      nc.schemaVersion > pc.schemaVersion &&
      !chains(next, name, pc.schemaVersion, nc.schemaVersion)
    )
      issues.push(
        issue(
          ptr,
          'migration.missing',
          `schemaVersion 由 ${pc.schemaVersion} 升到 ${nc.schemaVersion}，须在 migrations 中声明从 ${pc.schemaVersion} 到 ${nc.schemaVersion} 的迁移。`,
          `schemaVersion rose from ${pc.schemaVersion} to ${nc.schemaVersion}: declare migrations for "${name}" from ${pc.schemaVersion} to ${nc.schemaVersion}.`,
        ),
      );
  }
  return {
    allowed: issues.length === 0,
    requiredBump: required,
    actualBump: actual,
    diff,
    issues: sortIssues(issues),
  };
}

/**
 * The one-line answer to "why not?": what is missing, not merely which bump the changes need (a
 * 2.0.0 without the migration it needs is refused for the migration).
 */
export function upgradeRefusal(check: UpgradeCheck, previousVersion: string): LocalizedText {
  const first = check.issues.slice(0, 2);
  return t(
    `不能在 ${previousVersion} 之后发布：${first.map((i) => i.message['zh-CN']).join(' ')}`,
    `Not allowed after ${previousVersion}: ${first.map((i) => i.message.en).join(' ')}`,
  );
}

export function upgradeIssues(prev: PluginManifest, next: PluginManifest): Issue[] {
  return checkUpgrade(prev, next).issues;
}

// Single functions rather than the whole package: the studio runs this pass in the browser.
import validVersion from 'semver/functions/valid.js';
import validRange from 'semver/ranges/valid.js';
import type { Issue } from '../../errors/issue';
import { issue } from '../../errors/messages';
import { checkVendorSchema } from '../../subset/check';
import type { PluginManifest } from '../types';
import { checkActions, checkQueries } from './actions';
import { checkAggregates } from './aggregates';
import { checkCollections } from './collections';
import { makeContext } from './context';
import type { Ctx } from './context';
import { checkDefaults } from './defaults';
import { checkMetrics } from './metrics';
import { checkMigrations } from './migrations';
import { checkOnce } from './once';
import { checkFieldsFrom } from './fields-from';
import { checkGuards } from './guard';
import { checkHours } from './hours';
import { checkNotifyTexts } from './notify-text';
import { checkOffered } from './offered';
import { checkPeople } from './people';
import { presetIssues } from '../parts/presets';
import { checkCapacityOverflow } from './overflow';
import { checkCapacityWeights } from './weight';
import { checkPrivacy } from './privacy';
import { checkRecurrence } from './recurrence';
import { checkRolePolicy } from './role-policy';
import { checkSchedules } from './schedules';
import { checkTimeValues } from './time-values';
import { checkViews } from './views';

/** Cross-reference and policy checks; runs only on a manifest that passed the meta-schema. */
export function semanticIssues(m: PluginManifest): Issue[] {
  const ctx = makeContext(m);
  checkHeader(ctx);
  ctx.out.push(...checkVendorSchema(m.config, '/config', 'config'));
  checkCollections(ctx);
  checkCapacityOverflow(ctx);
  checkCapacityWeights(ctx);
  checkDefaults(ctx);
  ctx.out.push(...presetIssues(m.config, m.presets));
  checkActions(ctx);
  checkQueries(ctx);
  checkAggregates(ctx);
  checkMetrics(ctx);
  checkViews(ctx);
  checkMigrations(ctx);
  checkSchedules(ctx);
  checkRecurrence(ctx);
  checkOnce(ctx);
  checkFieldsFrom(ctx);
  checkHours(ctx);
  checkOffered(ctx);
  checkGuards(ctx);
  checkNotifyTexts(ctx);
  checkTimeValues(ctx);
  checkPeople(ctx);
  checkPermissions(ctx);
  checkPrivacy(ctx);
  checkRolePolicy(ctx);
  return ctx.out;
}

function checkHeader(ctx: Ctx): void {
  const m = ctx.m;
  if (!validVersion(m.version))
    ctx.out.push(
      issue(
        '/version',
        'semver.version',
        `“${m.version}” 不是合法的语义化版本（如 1.2.0）。`,
        `"${m.version}" is not a valid semantic version (like 1.2.0).`,
      ),
    );
  if (!validRange(m.engines.platform))
    ctx.out.push(
      issue(
        '/engines/platform',
        'semver.range',
        `“${m.engines.platform}” 不是合法的版本范围（如 ^1.0.0）。`,
        `"${m.engines.platform}" is not a valid version range (like ^1.0.0).`,
      ),
    );
  if (m.id.split('.')[0] !== m.vendor.id)
    ctx.out.push(
      issue(
        '/vendor/id',
        'vendor.mismatch',
        `vendor.id 必须等于插件 id 的前缀 “${m.id.split('.')[0]}”。`,
        `vendor.id must equal the plugin id's prefix "${m.id.split('.')[0]}".`,
      ),
    );
  (m.changelog ?? []).forEach((c, i) => {
    if (!validVersion(c.version))
      ctx.out.push(
        issue(
          `/changelog/${i}/version`,
          'semver.version',
          `“${c.version}” 不是合法的语义化版本。`,
          `"${c.version}" is not a valid semantic version.`,
        ),
      );
  });
  const roleIds = new Set<string>();
  m.roles.forEach((r, i) => {
    if (roleIds.has(r.id))
      ctx.out.push(
        issue(
          `/roles/${i}/id`,
          'roles.duplicate',
          `角色 “${r.id}” 重复。`,
          `Role "${r.id}" is declared twice.`,
        ),
      );
    roleIds.add(r.id);
  });
}

const SCOPE_WHY: Record<string, [string, string]> = {
  'points:award': ['发放积分', 'awards points'],
  'points:spend': ['扣减积分（兑换）', 'spends points (redeem)'],
  'notify:send': ['发送通知', 'sends notifications'],
  'pii:read': ['处理个人信息字段', 'handles personal-data fields'],
  'uploads:write': ['接收上传文件', 'accepts uploads'],
};

function checkPermissions(ctx: Ctx): void {
  const declared = new Set(ctx.m.permissions.map((p) => p.scope));
  for (const [scope, where] of ctx.needs)
    if (!declared.has(scope)) {
      const [zh, en] = SCOPE_WHY[scope]!;
      ctx.out.push(
        issue(
          '/permissions',
          'permissions.missing',
          `插件${zh}（见 ${where}），须在 permissions 中声明 “${scope}” 并说明理由。`,
          `The plugin ${en} (see ${where}); declare "${scope}" in permissions with a reason.`,
        ),
      );
    }
  ctx.m.permissions.forEach((p, i) => {
    if (!ctx.needs.has(p.scope))
      ctx.out.push(
        issue(
          `/permissions/${i}`,
          'permissions.unused',
          `声明了 “${p.scope}” 但没有用到。`,
          `"${p.scope}" is declared but not used.`,
          'warning',
        ),
      );
  });
}

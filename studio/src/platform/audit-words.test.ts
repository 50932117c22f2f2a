import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuditLabels } from '@scene/client';
import { createStudioI18n } from '../i18n';
import { AUDIT_KINDS, auditSentence, kindLabel } from './audit-words';

// jsdom gives modules an http URL: the path comes from the file's own directory.
const SERVER = join(__dirname, '../../../server/src');

/** Every action the server's sources write to the audit log. */
function serverActions(dir = SERVER): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return serverActions(path);
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) return [];
    const text = readFileSync(path, 'utf8');
    if (!text.includes('audit')) return [];
    return [...text.matchAll(/action: '([a-z][a-z.-]+)'/g)].map((m) => m[1]!);
  });
}

const WANG = 'a1b2c3d4e5f6a7b8c9d0e1f2';
const ZHANG = 'f2e1d0c9b8a7f6e5d4c3b2a1';
const labels: AuditLabels = {
  accounts: { [WANG]: '王芳', [ZHANG]: '张伟' },
  communities: { cuiyuan: '翠苑未来社区' },
  plugins: { 'std.property-repair': { 'zh-CN': '物业报修', en: 'Property repairs' } },
  pluginRoles: {
    'plugin:std.property-repair/verifier': { 'zh-CN': '核销员', en: 'Verifier' },
  },
  regions: { 'xh-bsq': '北山街道', 'zj-hz-xh': '西湖区' },
};

function entry(action: string, patch: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: '65a1b2c3d4e5f6a7b8c9d0e1',
    at: '2026-11-29T17:59:55.497Z',
    actorId: WANG,
    actorRoles: ['operator'],
    action,
    target: { type: 'account', id: ZHANG },
    communityId: 'cuiyuan',
    summary: {
      pluginId: 'std.property-repair',
      role: 'staff',
      version: '1.4.0',
      with: ZHANG,
      to: ZHANG,
      a: WANG,
      b: ZHANG,
      before: { version: 3, status: 'active', role: 'resident', pluginRoles: [] },
      after: { version: 4, status: 'disabled', role: 'staff', pluginRoles: [] },
    },
    ...patch,
  };
}

const sentence = (e: AuditEntry, locale: 'zh-CN' | 'en') => {
  const t = createStudioI18n(locale).global.t as (k: string, v?: Record<string, unknown>) => string;
  return auditSentence(e, labels, t, locale);
};

describe('the audit log in words', () => {
  it('has a sentence for every kind of entry the server writes', () => {
    const written = [...new Set(serverActions())].sort();
    expect(written.length).toBeGreaterThan(30);
    expect(written.filter((a) => !(AUDIT_KINDS as readonly string[]).includes(a))).toEqual([]);
  });

  it.each(['zh-CN', 'en'] as const)(
    'reads every kind in %s without a code, id, placeholder or JSON',
    (locale) => {
      const t = createStudioI18n(locale).global.t as (k: string) => string;
      for (const kind of [...AUDIT_KINDS, 'something.new']) {
        const text = sentence(entry(kind), locale);
        expect(text, kind).not.toMatch(/[{}[\]"]|undefined|null|NaN/);
        expect(text, kind).not.toContain(kind);
        expect(text, kind).not.toMatch(/[a-f0-9]{24}|cuiyuan|std\.|auditWords/);
        expect(text, kind).toMatch(/王芳|张伟/);
        expect(kindLabel(kind, t), kind).not.toMatch(/audit|\./);
      }
    },
  );

  it('names the plugin, version, person and role', () => {
    const upgrade = entry('installation.upgrade', {
      target: { type: 'installation', id: 'cuiyuan:std.property-repair' },
      summary: { before: { version: '1.3.1' }, after: { version: '1.4.0' } },
    });
    expect(sentence(upgrade, 'zh-CN')).toBe('王芳 把 物业报修 升级到 1.4.0');
    expect(sentence(upgrade, 'en')).toBe('王芳 upgraded Property repairs to 1.4.0');

    const grant = entry('membership.update', {
      summary: {
        before: { role: 'staff', pluginRoles: [] },
        after: { role: 'staff', pluginRoles: ['plugin:std.property-repair/verifier'] },
      },
    });
    expect(sentence(grant, 'zh-CN')).toBe('王芳 授予 张伟 物业报修 · 核销员 角色');
    expect(sentence(grant, 'en')).toBe('王芳 granted 张伟 the roles Property repairs · Verifier');

    const promoted = entry('membership.update', {
      summary: { before: { role: 'resident' }, after: { role: 'staff' } },
    });
    expect(sentence(promoted, 'zh-CN')).toBe('王芳 把 张伟 的身份从居民改为服务人员');

    const publish = entry('portal.publish', {
      target: { type: 'portal-version', id: 'cuiyuan:7' },
      summary: { version: 7, live: true },
    });
    expect(sentence(publish, 'zh-CN')).toBe('王芳 发布了 翠苑未来社区 门户的第 7 版');
  });

  it('a pause lifted early reads with whose it was and the note', () => {
    const lifted = entry('records.pause-lift', {
      actorId: ZHANG,
      target: { type: 'account', id: WANG },
      summary: {
        pluginId: 'std.property-repair',
        guard: 'noShows',
        until: '2026-12-14',
        note: '家中有事',
      },
    });
    expect(sentence(lifted, 'zh-CN')).toBe(
      '张伟 提前解除了 王芳 在 物业报修 的暂停，说明：家中有事',
    );
    expect(sentence(lifted, 'en')).toBe(
      "张伟 lifted 王芳's pause in Property repairs early, noting: 家中有事",
    );
  });

  it('says "someone" and "a plugin" for what the page has no name for', () => {
    const unknown = entry('installation.install', {
      actorId: 'deadbeefdeadbeefdeadbeef',
      target: { type: 'installation', id: 'cuiyuan:acme.gone' },
      summary: { pluginId: 'acme.gone', version: '1.0.0' },
    });
    expect(sentence(unknown, 'zh-CN')).toBe('某人 在 翠苑未来社区 安装了 某组件 1.0.0');
    expect(sentence(entry('jobs.retention', { actorId: 'system' }), 'en')).toBe(
      'The system cleared data past its keeping period',
    );
  });

  it('names regions by name, never by id (a renamed or removed one by the name the entry kept)', () => {
    const region = (action: string, id: string, summary?: Record<string, unknown>) =>
      entry(action, { target: { type: 'region', id }, communityId: undefined, summary });
    expect(sentence(region('region.create', 'xh-bsq', { level: 'street' }), 'zh-CN')).toBe(
      '王芳 新建了 北山街道',
    );
    expect(
      sentence(
        region('region.rename', 'zj-hz-xh', {
          before: { name: '西湖' },
          after: { name: '西湖区' },
        }),
        'en',
      ),
    ).toBe('王芳 renamed 西湖 to 西湖区');
    expect(sentence(region('region.remove', 'xh-old', { name: '旧街道' }), 'zh-CN')).toBe(
      '王芳 删除了 旧街道',
    );
    // An entry from before names were kept, about a region gone since.
    expect(sentence(region('region.remove', 'xh-old'), 'zh-CN')).toBe('王芳 删除了 某区域');
    const placed = entry('region.place', {
      target: { type: 'community', id: 'cuiyuan' },
      summary: { streetId: 'xh-bsq' },
    });
    expect(sentence(placed, 'zh-CN')).toBe('王芳 把 翠苑未来社区 划入 北山街道');
    const supervisor = entry('region.supervisor.assign', { summary: { regionId: 'zj-hz-xh' } });
    expect(sentence(supervisor, 'en')).toBe('王芳 made 张伟 a supervisor of 西湖区');
  });

  it('reads a report frozen again with its subject, month in words, revision and reason', () => {
    const summary = { kind: 'community', month: '2026-10', revision: 2, reason: '补录报修' };
    const community = entry('report.revise', {
      target: { type: 'report', id: 'community|cuiyuan|2026-10' },
      summary,
    });
    expect(sentence(community, 'zh-CN')).toBe(
      '王芳 重新冻结了 翠苑未来社区 的2026年10月月报（第 2 版），原因：补录报修',
    );
    const region = entry('report.revise', {
      target: { type: 'report', id: 'region|zj-hz-xh|2026-10' },
      communityId: undefined,
      summary: { ...summary, kind: 'region', regionId: 'zj-hz-xh', revision: 3 },
    });
    expect(sentence(region, 'en')).toBe(
      "王芳 froze 西湖区's report for October 2026 again (revision 3), because: 补录报修",
    );
  });
});

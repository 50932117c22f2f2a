import { describe, expect, it } from 'vitest';
import { exampleManifest } from '@scene/schema';
import type { PluginVersionSummary } from '@scene/client';
import { isQuiet, reviewDiff } from './review-diff';
import { compareVersions, previousVersion } from '../ui/versions';

describe('reviewDiff', () => {
  it('lists everything as new for a first version', () => {
    const d = reviewDiff(null, exampleManifest('acme.repairs'));
    expect(d.from).toBeNull();
    expect(d.permissions.added).toEqual(['points:award', 'notify:send', 'pii:read']);
    expect(d.pii.added.map((f) => `${f.collection}/${f.path}`)).toEqual(['tickets/phone']);
  });

  it('shows schema, permission and personal-data changes between versions', () => {
    const prev = exampleManifest('acme.repairs');
    const next = structuredClone(prev);
    next.version = '1.1.0';
    next.permissions.push({ scope: 'uploads:write', reason: { 'zh-CN': '上传', en: 'Upload' } });
    next.collections.tickets!.schema.properties!.idNo = {
      type: 'string',
      maxLength: 18,
      'x-pii': 'id-number',
    };
    next.collections.tickets!.retention = { days: 365 };
    const d = reviewDiff(prev, next);
    expect(d.from).toBe('1.0.0');
    expect(d.permissions.added).toEqual(['uploads:write']);
    expect(d.pii.added.map((f) => f.path)).toEqual(['idNo']);
    expect(d.pii.retentionChanged).toEqual([{ collection: 'tickets', from: 730, to: 365 }]);
    expect(d.schemaChanges.some((c) => c.pointer.includes('idNo'))).toBe(true);
    expect(isQuiet(d)).toBe(false);
  });

  it('is quiet when only the version moved', () => {
    const prev = exampleManifest('acme.repairs');
    expect(isQuiet(reviewDiff(prev, { ...prev, version: '1.0.1' }))).toBe(true);
  });
});

describe('previousVersion', () => {
  const v = (version: string, status: PluginVersionSummary['status']) =>
    ({ version, status }) as PluginVersionSummary;
  it('skips rejected and newer versions, as the registry gate does', () => {
    const all = [
      v('1.0.0', 'approved'),
      v('1.0.1', 'rejected'),
      v('1.2.0', 'pending'),
      v('2.0.0', 'pending'),
    ];
    expect(previousVersion(all, '1.2.0')?.version).toBe('1.0.0');
    expect(previousVersion(all, '2.0.0')?.version).toBe('1.2.0');
    expect(previousVersion(all, '1.0.0')).toBeUndefined();
  });
  it('orders versions numerically and puts prereleases first', () => {
    expect(compareVersions('1.10.0', '1.9.0')).toBeGreaterThan(0);
    expect(compareVersions('1.0.0-rc.1', '1.0.0')).toBeLessThan(0);
  });
});

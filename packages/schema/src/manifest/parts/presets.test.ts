import { describe, expect, it } from 'vitest';
import { exampleManifest } from '../example';
import { validateManifest } from '../validate';
import { applyPreset, type ConfigPreset } from './presets';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- these manifests are meant to be wrong
type Loose = any;
const withPresets = (presets: unknown): Loose => ({
  ...structuredClone(exampleManifest()),
  presets,
});
const issues = (m: Loose) => {
  const r = validateManifest(m);
  return [...r.errors, ...r.warnings].map((i) => `${i.code} ${i.pointer}`);
};
const label = { 'zh-CN': '模板', en: 'Template' };

describe('config presets', () => {
  it('replaces the properties a preset sets, whole, and keeps the others', () => {
    const preset: ConfigPreset = { id: 'a', label, config: { list: [{ x: 1 }] } };
    const config = { title: '我的', list: [{ x: 2 }, { x: 3 }] };
    const next = applyPreset(config, preset);
    expect(next).toEqual({ title: '我的', list: [{ x: 1 }] });
    // A copy: editing the result must not edit the manifest's preset.
    (next.list as { x: number }[])[0]!.x = 9;
    expect(preset.config.list).toEqual([{ x: 1 }]);
  });

  it('accepts presets whose values the config schema accepts', () => {
    const title = Object.keys(exampleManifest().config.properties ?? {})[0]!;
    expect(issues(withPresets([{ id: 'short', label, config: { [title]: '报修' } }]))).toEqual([]);
  });

  it('refuses a repeated id, an undeclared property and a value the config schema refuses', () => {
    const props = exampleManifest().config.properties ?? {};
    const stringKey = Object.keys(props).find((k) => props[k]!.type === 'string')!;
    const found = issues(
      withPresets([
        { id: 'one', label, config: { nope: 1 } },
        { id: 'one', label, config: { [stringKey]: 42 } },
      ]),
    );
    expect(found).toContain('presets.unknown /presets/0/config/nope');
    expect(found).toContain('presets.duplicate /presets/1/id');
    expect(found).toContain(`presets.invalid /presets/1/config/${stringKey}`);
  });

  it('refuses a preset without a label or values (meta-schema)', () => {
    expect(issues(withPresets([{ id: 'x', config: {} }])).join(' ')).toContain('/presets/0');
  });
});

import { describe, expect, it } from 'vitest';
import { communityIdFromPath } from './community';
import { contrast, darkenUntil } from './state/contrast';
import { themeVariables } from './state/theme';

describe('resident shell helpers', () => {
  it('reads the community id from the portal path', () => {
    expect(communityIdFromPath('/c/xixi-garden/repairs')).toBe('xixi-garden');
    expect(communityIdFromPath('/c/')).toBeUndefined();
    expect(communityIdFromPath('/studio/')).toBeUndefined();
  });

  it('keeps a theme colour that passes and darkens one that does not (AA, AAA in elder mode)', () => {
    expect(themeVariables({ primaryColor: '#1f5fbf' }, false)['--sp-primary']).toBe('#1f5fbf');
    const light = themeVariables({ primaryColor: '#7fc8ff' }, false)['--sp-primary']!;
    expect(contrast(light, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    const elder = themeVariables({ primaryColor: '#1f5fbf' }, true);
    expect(contrast(elder['--sp-primary']!, '#ffffff')).toBeGreaterThanOrEqual(7);
    expect(elder['--sp-font']).toBe('20px');
    expect(elder['--sp-tap']).toBe('48px');
    expect(contrast(elder['--sp-muted']!, '#ffffff')).toBeGreaterThanOrEqual(7);
    expect(darkenUntil('#ffff00', 7)).toMatch(/^#[0-9a-f]{6}$/);
  });
});

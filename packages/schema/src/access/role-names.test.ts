import { describe, expect, it } from 'vitest';
import { roleName, sceneName } from './role-names';

const manifest = {
  roles: [{ id: 'verifier', name: { 'zh-CN': '核销员', en: 'Verifier' }, grantedTo: [] }],
};

describe('roles and scenes in words', () => {
  it('names a plugin role by its manifest and a platform role by its label', () => {
    expect(roleName('plugin:verifier', manifest)).toEqual({ 'zh-CN': '核销员', en: 'Verifier' });
    expect(roleName('resident', manifest)['zh-CN']).toBe('居民');
    expect(roleName('public', manifest).en).toBe('visitors');
  });

  it('names a scene by its label, and one it does not know as written', () => {
    expect(sceneName('low-carbon')).toEqual({ 'zh-CN': '低碳', en: 'Low carbon' });
    expect(sceneName('mars')).toEqual({ 'zh-CN': 'mars', en: 'mars' });
  });
});

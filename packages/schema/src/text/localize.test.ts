import { describe, expect, it } from 'vitest';
import { localize } from './localize';

describe('localize', () => {
  it('picks the reader’s language and falls back to the other one', () => {
    const text = { 'zh-CN': '报修', en: 'Repairs' };
    expect(localize(text, 'zh-CN')).toBe('报修');
    expect(localize(text, 'en')).toBe('Repairs');
    expect(localize({ 'zh-CN': '报修', en: '' }, 'en')).toBe('报修');
    expect(localize({ 'zh-CN': '', en: 'Repairs' }, 'zh-CN')).toBe('Repairs');
  });

  it('passes plain strings through and makes nothing of nothing', () => {
    expect(localize('hello', 'zh-CN')).toBe('hello');
    expect(localize(undefined, 'en')).toBe('');
    expect(localize(null, 'en')).toBe('');
  });

  it('keeps an empty text empty when told not to fall back (a unit with no English word)', () => {
    const unit = { 'zh-CN': '件', en: '' };
    expect(localize(unit, 'en', { fallback: false })).toBe('');
    expect(localize(unit, 'zh-CN', { fallback: false })).toBe('件');
  });
});

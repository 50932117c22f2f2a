import { describe, expect, it } from 'vitest';
import { createShellI18n, loadLocale } from './i18n';

describe("the shell's translator", () => {
  it('fills named placeholders, falls back to Chinese, then to the key', async () => {
    const i18n = createShellI18n('en');
    // English is not loaded yet: the Chinese words show rather than keys.
    expect(i18n.t('app.title')).toBe('社区服务');
    await loadLocale(i18n, 'en');
    expect(i18n.t('app.title')).toBe('Community services');
    i18n.mergeLocaleMessage('en', { extra: { greet: 'Hello {name}, {n} new' } });
    expect(i18n.t('extra.greet', { name: 'Li', n: 3 })).toBe('Hello Li, 3 new');
    expect(i18n.t('extra.greet', { name: 'Li' })).toBe('Hello Li, {n} new');
    // Merging keeps the words already there.
    expect(i18n.t('app.title')).toBe('Community services');
    expect(i18n.t('no.such.key')).toBe('no.such.key');
    i18n.locale.value = 'zh-CN';
    expect(i18n.t('app.title')).toBe('社区服务');
  });
});

import { createI18n } from 'vue-i18n';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import type { Locale } from '@scene/renderer';

/**
 * The shell's words in both languages. In the build, @intlify/unplugin-vue-i18n precompiles
 * these JSON files and vue-i18n's runtime-only build is used, so no message is compiled in the
 * browser (no `new Function`, CSP without unsafe-eval).
 */
export function createShellI18n(locale: Locale) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': zhCN, en },
    missingWarn: false,
    fallbackWarn: false,
  });
}

export type ShellMessages = typeof zhCN;

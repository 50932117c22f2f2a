import { createI18n } from 'vue-i18n';
import en from './en';
import zhCN, { type MessageSchema } from './zh-CN';

export type StudioLocale = 'zh-CN' | 'en';
export type StudioMessages = MessageSchema;
export const LOCALES: readonly StudioLocale[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'scene-studio.locale';

function initialLocale(): StudioLocale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN';
}

export function createStudioI18n(locale: StudioLocale = initialLocale()) {
  return createI18n<[StudioMessages], StudioLocale>({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': zhCN, en },
  });
}

export function rememberLocale(locale: StudioLocale): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}

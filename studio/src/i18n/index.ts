import { createI18n } from 'vue-i18n';
import en from './en';
import zhCN, { type MessageSchema } from './zh-CN';
import { ecoMessages, type EcoMessages } from '../ecosystem/i18n';
import { peopleMessages, type PeopleMessages } from '../people/i18n';

export type StudioLocale = 'zh-CN' | 'en';
/** My catalogue plus the ecosystem screens' under `eco` (kept in their own files). */
export type StudioMessages = MessageSchema & { eco: EcoMessages; people: PeopleMessages };
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
    messages: {
      'zh-CN': { ...zhCN, eco: ecoMessages['zh-CN'], people: peopleMessages['zh-CN'] },
      en: { ...en, eco: ecoMessages.en, people: peopleMessages.en },
    },
  });
}

export type StudioI18n = ReturnType<typeof createStudioI18n>;

export function rememberLocale(locale: StudioLocale): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}

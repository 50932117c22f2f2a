import { inject, shallowRef, type App, type InjectionKey, type Ref } from 'vue';
import type { Locale } from '@scene/renderer';
import zhCN from './locales/zh-CN.json';

/** A catalogue: nested keys down to a message with `{name}` placeholders. */
export interface Words {
  [key: string]: string | Words;
}

/**
 * The shell's translator. The portal's messages are plain text with named placeholders, so a
 * few lines do what vue-i18n did for them, and the first chunk no longer carries vue-i18n's
 * runtime (about 10 KB gzip of the 90 KB it was held to). Templates write `{{ t(key) }}`,
 * which Vue escapes; nothing is compiled in the browser (CSP without unsafe-eval).
 */
export interface ShellI18n {
  locale: Ref<Locale>;
  t(key: string, params?: Record<string, unknown>): string;
  /** Adds words to a locale's catalogue (pages that load with their own words use it). */
  mergeLocaleMessage(locale: Locale, words: Words): void;
  install(app: App): void;
}

const i18nKey: InjectionKey<ShellI18n> = Symbol('shell-i18n');
const placeholder = /\{(\w+)\}/g;

function lookup(words: Words | undefined, key: string): string | undefined {
  let at: string | Words | undefined = words;
  for (const part of key.split('.')) {
    if (!at || typeof at === 'string') return undefined;
    at = at[part];
  }
  return typeof at === 'string' ? at : undefined;
}

function merge(into: Words, from: Words): Words {
  const out: Words = { ...into };
  for (const [k, v] of Object.entries(from)) {
    const there = out[k];
    out[k] = typeof v === 'object' && typeof there === 'object' ? merge(there, v) : v;
  }
  return out;
}

/**
 * Chinese, the default and the fallback, ships in the first chunk; English loads on demand
 * (`loadLocale`), so a phone downloads one language's words.
 */
export function createShellI18n(locale: Locale): ShellI18n {
  const catalogues = shallowRef<Partial<Record<Locale, Words>>>({ 'zh-CN': zhCN });
  const current = shallowRef<Locale>(locale);
  const i18n: ShellI18n = {
    locale: current,
    t(key, params) {
      const message =
        lookup(catalogues.value[current.value], key) ?? lookup(catalogues.value['zh-CN'], key);
      if (message === undefined) return key;
      return params
        ? message.replace(placeholder, (whole, name: string) =>
            name in params ? String(params[name]) : whole,
          )
        : message;
    },
    mergeLocaleMessage(to, words) {
      catalogues.value = { ...catalogues.value, [to]: merge(catalogues.value[to] ?? {}, words) };
    },
    install(app) {
      app.provide(i18nKey, i18n);
    },
  };
  return i18n;
}

/** The shell's translator, as installed on the app. */
export function useI18n(): ShellI18n {
  const i18n = inject(i18nKey);
  if (!i18n)
    throw new Error('The shell translator is not installed (app.use(createShellI18n(…))).');
  return i18n;
}

const loaded = new WeakMap<ShellI18n, Set<Locale>>();

/** Adds a locale's shell words once; resolves when they are there. */
export async function loadLocale(i18n: ShellI18n, locale: Locale): Promise<void> {
  const done = loaded.get(i18n) ?? new Set<Locale>(['zh-CN']);
  loaded.set(i18n, done);
  if (done.has(locale)) return;
  i18n.mergeLocaleMessage(locale, (await import('./locales/en.json')).default);
  done.add(locale);
}

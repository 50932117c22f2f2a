import type { LocalizedText } from '../types';
import { dayWords } from './guard';

type Locale = 'zh-CN' | 'en';

/** `{config.<key>}` in a notice's title or body: a top-level config value, read for people. */
export const CONFIG_PLACEHOLDER = /\{config\.([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The config keys a text names (each language's), for the checker. */
export function configKeysIn(text: LocalizedText): string[] {
  const keys = new Set<string>();
  for (const s of [text['zh-CN'], text.en])
    for (const m of s.matchAll(CONFIG_PLACEHOLDER)) keys.add(m[1]!);
  return [...keys];
}

function isLocalized(v: unknown): v is LocalizedText {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as LocalizedText)['zh-CN'] === 'string' &&
    typeof (v as LocalizedText).en === 'string'
  );
}

/**
 * A config value as a person reads it: a time "09:30" as 9:30, a date as 12月1日 / 1 Dec, a list
 * joined (、 or ", "), an entry by its label, yes/no in words; never JSON.
 */
export function configValueWords(value: unknown, locale: Locale): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean')
    return locale === 'en' ? (value ? 'yes' : 'no') : value ? '是' : '否';
  if (typeof value === 'number') return value.toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN');
  if (typeof value === 'string') {
    const time = /^(\d{2}):(\d{2})$/.exec(value);
    if (time) return `${Number(time[1])}:${time[2]}`;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return dayWords(value, locale);
    return value;
  }
  if (Array.isArray(value))
    return value
      .map((v) => configValueWords(v, locale))
      .filter(Boolean)
      .join(locale === 'en' ? ', ' : '、');
  if (isLocalized(value)) return value[locale];
  const label = (value as { label?: unknown }).label;
  return label === undefined ? '' : configValueWords(label, locale);
}

/** A notice's text with each `{config.<key>}` replaced by the installation's value, in words. */
export function withConfigValues(
  text: LocalizedText,
  config: Record<string, unknown>,
): LocalizedText {
  const fill = (s: string, locale: Locale) =>
    s.replace(CONFIG_PLACEHOLDER, (_, key: string) =>
      Object.hasOwn(config, key) ? configValueWords(config[key], locale) : '',
    );
  return { 'zh-CN': fill(text['zh-CN'], 'zh-CN'), en: fill(text.en, 'en') };
}

import { localize, type LocalizedText } from '@scene/schema';

/** A local calendar day (`YYYY-MM-DD`, already in the community's zone) in words. */
export function dayText(day: string, locale: string, withYear = true): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(locale === 'en' ? 'en-GB' : 'zh-CN', {
    ...(withYear ? { year: 'numeric' } : {}),
    month: locale === 'en' ? 'short' : 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/** `[from, to)` as the first and the last day shown. */
export function lastDay(to: string): string {
  return new Date(Date.parse(`${to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

export function numberText(n: number, locale: string): string {
  return n.toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { maximumFractionDigits: 2 });
}

/** A figure's unit in the reader's language; none where that language has no word for it. */
export function unitText(unit: LocalizedText | null | undefined, locale: string): string {
  return localize(unit, locale, { fallback: false });
}

/** Change against the previous period, in whole percent; null when there is nothing to compare. */
export function changePct(total: number | null, previous: number | null): number | null {
  if (total === null || previous === null || previous === 0) return null;
  return Math.round(((total - previous) / previous) * 100);
}

/** A calendar month (`YYYY-MM`) in words: 2026年10月, October 2026. */
export function monthText(month: string, locale: string): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString(locale === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  });
}

/** A moment in words, in the given zone (a report's community or region), to the minute. */
export function momentText(iso: string, timeZone: string, locale: string): string {
  return new Date(iso).toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  });
}

import { parseDate } from './zone';

type Locale = 'zh-CN' | 'en';
const cache = new Map<string, Intl.DateTimeFormat>();

function fmt(locale: Locale, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${withTime}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    });
    cache.set(key, f);
  }
  return f;
}

/**
 * A timestamp (ISO string or Date) as people read it: in the community's zone and the reader's
 * language (`2026年3月10日 10:00`, `10 Mar 2026, 10:00`). A plain `YYYY-MM-DD` date is shown as a
 * date without moving it between zones. Anything else comes back as given.
 */
export function formatDateTime(
  value: string | Date,
  timeZone: string,
  locale: Locale,
  withTime = true,
): string {
  const date = parseDate(value);
  if (date) return fmt(locale, 'UTC', false).format(Date.UTC(date.year, date.month - 1, date.day));
  const instant = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(instant.getTime())) return String(value);
  return fmt(locale, timeZone, withTime).format(instant);
}

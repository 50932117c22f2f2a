// The one place the renderer turns dates, times and numbers into text: in the community's time
// zone and the reader's language, never as ISO strings.
import { DEFAULT_TIME_ZONE, formatDateTime, parseDate, type BucketUnit } from '@scene/schema';
import type { Locale } from './data-source';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const formats = new Map<string, Intl.DateTimeFormat>();
const intl = (locale: Locale, options: Intl.DateTimeFormatOptions) => {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f)
    formats.set(key, (f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', options)));
  return f;
};

/** A number as the reader writes it: grouped, at most two decimals. */
export function formatNumber(n: number, locale: Locale): string {
  return n.toLocaleString(locale, { maximumFractionDigits: 2 });
}

/**
 * A value for display: `date`, `datetime` and `time` read timestamps in `timeZone` (a plain
 * `YYYY-MM-DD` stays that calendar day), `number` groups digits; unknown shapes come back as text.
 */
export function formatValue(
  value: unknown,
  format: string | undefined,
  locale: Locale,
  timeZone = DEFAULT_TIME_ZONE,
): string {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value === 'number')
    return format === 'number' ? formatNumber(value, locale) : String(value);
  if (typeof value !== 'string') return String(value);
  if (format === 'date' || format === 'datetime') {
    if (!parseDate(value) && !TIMESTAMP.test(value)) return value;
    return formatDateTime(value, timeZone, locale, format === 'datetime');
  }
  if (format === 'time' && TIMESTAMP.test(value)) {
    const t = new Date(value);
    if (Number.isNaN(t.getTime())) return value;
    return intl(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
      t,
    );
  }
  return value;
}

/** An ISO timestamp, recognised by its shape, where no schema says what a value is. */
export function looksLikeTimestamp(value: unknown): boolean {
  return typeof value === 'string' && TIMESTAMP.test(value);
}

/**
 * A chart's bucket (`YYYY-MM-DD` day, a week's Monday, or `YYYY-MM`) in words: `3月10日`,
 * `10 Mar`; a week by its Monday; `2026年3月`, `Mar 2026`. Buckets are local dates already.
 */
export function formatBucket(bucket: string, unit: BucketUnit, locale: Locale): string {
  const d = parseDate(unit === 'month' ? `${bucket}-01` : bucket);
  if (!d) return bucket;
  const at = Date.UTC(d.year, d.month - 1, d.day);
  if (unit === 'month')
    return intl(locale, { timeZone: 'UTC', year: 'numeric', month: 'short' }).format(at);
  return intl(locale, { timeZone: 'UTC', month: 'short', day: 'numeric' }).format(at);
}

import type { Locale } from './data-source';

export type ValueFormat = 'text' | 'date' | 'datetime' | 'time' | 'number' | 'relative';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/** Formats a field for display; unknown shapes fall back to their string form. */
export function formatValue(value: unknown, format: string | undefined, locale: Locale): string {
  if (value === undefined || value === null || value === '') return '';
  if (
    (format === 'date' || format === 'datetime' || format === 'time') &&
    typeof value === 'string'
  ) {
    if (!ISO_DATE.test(value) && format !== 'time') return value;
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return value;
    const opts: Intl.DateTimeFormatOptions =
      format === 'date'
        ? { year: 'numeric', month: '2-digit', day: '2-digit' }
        : format === 'time'
          ? { hour: '2-digit', minute: '2-digit' }
          : {
              year: 'numeric',
              month: '2-digit',
              day: '2-digit',
              hour: '2-digit',
              minute: '2-digit',
            };
    return new Intl.DateTimeFormat(locale, opts).format(date);
  }
  if (format === 'number' && typeof value === 'number')
    return new Intl.NumberFormat(locale).format(value);
  return String(value);
}

/** A date field of an ISO timestamp, guessed from its shape, for lists without a format. */
export function looksLikeTimestamp(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value);
}

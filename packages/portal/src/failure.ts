import type { Locale } from '@scene/renderer';

type Translate = (key: string) => string;

/** Plain words for a failed shell request: the server's own localized message when it has one. */
export function failureMessage(err: unknown, t: Translate, locale: Locale): string {
  const e = err as {
    status?: number;
    message?: string;
    details?: { message?: Record<string, string> };
  };
  if (e?.status === 0) return t('errors.network');
  const localized = e?.details?.message?.[locale];
  if (localized) return localized;
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && e.message)
    return e.message;
  return t('errors.generic');
}

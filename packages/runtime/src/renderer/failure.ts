import type { Locale } from './data-source';
import { message } from './messages';

interface ErrorLike {
  status?: number;
  code?: string;
  message?: string;
  details?: unknown;
}

/**
 * Plain words for a failed request: the network case says so; a refusal from the server
 * shows its (localized) message, which is written for people.
 */
export function failureText(error: unknown, locale: Locale): string {
  if (!error) return '';
  const e = error as ErrorLike;
  if (e.status === 0) return message(locale, 'networkFailed');
  if (e.status === 401) return message(locale, 'loginRequired');
  const details = e.details as { message?: Record<string, string> } | undefined;
  const localized = details?.message?.[locale];
  if (typeof localized === 'string' && localized) return localized;
  if (typeof e.message === 'string' && e.message && typeof e.status === 'number') return e.message;
  return message(locale, 'loadFailed');
}

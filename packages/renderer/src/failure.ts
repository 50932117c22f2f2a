import type { Locale } from './data-source';
import { message } from './messages';

interface ErrorLike {
  status?: number;
  code?: string;
  message?: string;
  details?: unknown;
}

/**
 * Plain words for a failed request in the reader's language: the network case says so; a
 * refusal from the server shows its localized message (`details.message`) when it has one.
 * The server's English `message` is for developers and is not shown.
 */
export function failureText(error: unknown, locale: Locale): string {
  if (!error) return '';
  const e = error as ErrorLike;
  if (e.status === 0) return message(locale, 'networkFailed');
  if (e.status === 401) return message(locale, 'loginRequired');
  const details = e.details as { message?: Record<string, string> } | undefined;
  const localized = details?.message?.[locale];
  if (typeof localized === 'string' && localized) return localized;
  if (e.status === 403) return locale === 'en' ? 'You may not do this.' : '您没有权限进行此操作。';
  if (e.status === 404) return locale === 'en' ? 'This is not available.' : '该内容暂不可用。';
  return message(locale, 'loadFailed');
}

/**
 * A rule's refusal in words (409 with a localized `details.message`: a full slot, hours past the
 * week's limit): advice for the reader, shown as a notice, not as a fault in a red box.
 */
export function isRefusal(error: unknown): boolean {
  const e = error as ErrorLike | undefined;
  const details = e?.details as { message?: unknown } | undefined;
  return e?.status === 409 && typeof details?.message === 'object' && details.message !== null;
}

import { ApiError } from '@scene/client';

/** One line for a failed request: the server's own message (already in the user's language). */
export function errorText(
  err: unknown,
  t: (key: string, values?: Record<string, unknown>) => string,
): string {
  if (err instanceof ApiError) {
    if (err.isNetworkError) return t('common.networkError');
    return t('common.error', { message: err.message });
  }
  return t('common.error', { message: err instanceof Error ? err.message : String(err) });
}

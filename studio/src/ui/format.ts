/** The communities' time zone; the platform's communities are all in China. */
const TIME_ZONE = 'Asia/Shanghai';

/**
 * The instant a day (YYYY-MM-DD) starts in the communities' zone. Asia/Shanghai keeps one offset
 * all year (no daylight saving), so the offset is written out rather than looked up.
 */
export function zoneDayStart(day: string): string {
  return `${day}T00:00:00+08:00`;
}

/** Dates in tables: the community's time, minute precision, same shape in both languages. */
export function formatTime(iso: string | undefined, locale: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: TIME_ZONE,
  });
}

export const STATUS_TAG: Record<string, 'success' | 'warning' | 'danger' | 'info'> = {
  approved: 'success',
  pending: 'warning',
  rejected: 'danger',
};

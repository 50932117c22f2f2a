import { localDate } from '@scene/schema';
import { badRequest } from '../http/errors';

export const PERIOD_KINDS = ['7d', '30d', '90d', 'month'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** A dashboard period as local calendar days of the community: `[from, to)`, and the one before. */
export interface DashboardPeriod {
  kind: PeriodKind;
  /** The zone whose calendar the days are in: the community's, or most of a region's communities'. */
  timeZone: string;
  /** Today there, so a screen offers no month ahead of it. */
  today: string;
  /** First day, `YYYY-MM-DD` in the community's zone. */
  from: string;
  /** The day after the last one (exclusive). */
  to: string;
  days: number;
  previous: { from: string; to: string };
}

const DAY_MS = 86_400_000;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Calendar arithmetic on local dates: they are plain days, so UTC midnights add up exactly. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The days a dashboard shows: the last 7 / 30 / 90 days up to today, or a calendar month
 * (`month=YYYY-MM`, default this one; this month ends today). The comparison is the period of
 * the same length just before, as `compare=previous` does for aggregates.
 *
 * `completeDays` (region views, which read daily roll-ups): the periods end with yesterday, the
 * last day rolled up, and the default month is yesterday's.
 */
export function dashboardPeriod(
  kind: string | undefined,
  month: string | undefined,
  now: Date,
  timeZone: string,
  completeDays = false,
): DashboardPeriod {
  const k = (kind ?? '30d') as PeriodKind;
  if (!PERIOD_KINDS.includes(k))
    throw badRequest('Choose a period of 7d, 30d, 90d or month.', { code: 'period_value' });
  const today = localDate(now, timeZone);
  // The first day not shown.
  const end = completeDays ? today : addDays(today, 1);
  let from: string;
  let to: string;
  if (k === 'month') {
    const m = MONTH.exec(month ?? addDays(end, -1).slice(0, 7));
    if (!m) throw badRequest('Give the month as YYYY-MM.', { code: 'period_value' });
    from = `${m[1]}-${m[2]}-01`;
    const next =
      m[2] === '12'
        ? `${Number(m[1]) + 1}-01-01`
        : `${m[1]}-${String(Number(m[2]) + 1).padStart(2, '0')}-01`;
    if (from >= end) throw badRequest('That month has not begun.', { code: 'period_value' });
    to = next < end ? next : end;
  } else {
    to = end;
    from = addDays(to, -Number(k.slice(0, -1)));
  }
  const days = daysBetween(from, to);
  return {
    kind: k,
    timeZone,
    today,
    from,
    to,
    days,
    previous: { from: addDays(from, -days), to: from },
  };
}

/** Every day of `[from, to)`, for a chart's x axis. */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d < to; d = addDays(d, 1)) out.push(d);
  return out;
}

// The period an aggregate covers: from the request's `from`/`to`, else the query's defaults,
// bounded by `maxDays`, in the community's time zone.
import type { DateValue } from '../manifest/parts/aggregates';
import type { QueryDef } from '../manifest/types';
import {
  addDuration,
  fromLocal,
  isTimeAnchor,
  parseDate,
  parseDuration,
  relativeValue,
} from '../time';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export interface Period {
  from: Date;
  to: Date;
}

export type RangeResult =
  | { ok: true; period: Period; previous?: Period }
  | { ok: false; code: 'range_value' | 'range_order' | 'range_too_long'; message: string };

/**
 * The instant a point of a range names: a local date is its first moment in `timeZone`, a
 * timestamp itself, a relative date `{var, offset?}` is resolved at `now`. Null when malformed.
 */
export function dateValueInstant(value: unknown, now: Date, timeZone: string): Date | null {
  if (typeof value === 'string') {
    const d = parseDate(value);
    if (d) return fromLocal(d, timeZone);
    if (!TIMESTAMP.test(value)) return null;
    const t = new Date(value);
    return Number.isNaN(t.getTime()) ? null : t;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as { var?: unknown; offset?: unknown };
  if (!isTimeAnchor(v.var) || (v.offset !== undefined && typeof v.offset !== 'string')) return null;
  // Whatever `as` says, a range point is an instant: the timestamp form.
  const at = relativeValue(v.var, now, timeZone, v.offset, 'timestamp');
  return at === null ? null : new Date(at);
}

export interface RangeParams {
  from?: unknown;
  to?: unknown;
  compare?: unknown;
}

/**
 * `[from, to)` for an aggregate query: the request's values, else the query's `range.default`,
 * else `to` = now and `from` = `to` minus `maxDays` days. With `compare: "previous"` also the
 * period of the same length just before.
 */
export function aggregatePeriod(
  q: QueryDef,
  params: RangeParams,
  now: Date,
  timeZone: string,
): RangeResult {
  const maxDays = q.range?.maxDays ?? 31;
  const point = (given: unknown, fallback: DateValue | undefined): Date | null | undefined => {
    if (given !== undefined) return dateValueInstant(given, now, timeZone);
    return fallback === undefined ? undefined : dateValueInstant(fallback, now, timeZone);
  };
  const to = point(params.to, q.range?.default?.to) ?? now;
  const fromGiven = point(params.from, q.range?.default?.from);
  if (to === null || fromGiven === null)
    return {
      ok: false,
      code: 'range_value',
      message:
        'from and to are a date (YYYY-MM-DD, in the community time zone) or an ISO-8601 timestamp.',
    };
  const from = fromGiven ?? addDuration(to, parseDuration(`-P${maxDays}D`)!, timeZone);
  if (from.getTime() >= to.getTime())
    return { ok: false, code: 'range_order', message: 'from must be before to.' };
  // A local day may last 25 hours around a daylight-saving change: an hour of slack.
  if (to.getTime() - from.getTime() > maxDays * 86_400_000 + 3_600_000)
    return {
      ok: false,
      code: 'range_too_long',
      message: `This figure covers at most ${maxDays} days.`,
    };
  const period = { from, to };
  if (params.compare === undefined) return { ok: true, period };
  if (params.compare !== 'previous')
    return { ok: false, code: 'range_value', message: 'compare takes the value previous.' };
  const length = to.getTime() - from.getTime();
  return { ok: true, period, previous: { from: new Date(from.getTime() - length), to: from } };
}

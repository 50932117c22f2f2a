// When a schedule is due, in the community's time zone. Pure functions: the runner gives the
// clock, the zone and the installation's configuration.
import {
  addDays,
  addDuration,
  atLocal,
  daysInMonth,
  localDate,
  parseDate,
  parseDuration,
  parseTime,
  WEEKDAYS,
  weekdayOf,
  type Duration,
  type ScheduleAfter,
  type ScheduleOffset,
  type ScheduleAt,
  type TimeOfDay,
} from '@scene/schema';

/** One due run of an `at` schedule: keyed by its local date, at its instant. */
export interface Occurrence {
  key: string;
  at: Date;
}

/** A time of day, literal or read from the installation's configuration; null when unset. */
export function timeOfDay(
  t: TimeOfDay | undefined,
  config: Record<string, unknown>,
): string | null {
  if (t === undefined) return '00:00';
  if (typeof t === 'string') return t;
  let v: unknown = config;
  for (const p of t.bind.split('.').slice(1))
    v =
      typeof v === 'object' && v !== null && Object.prototype.hasOwnProperty.call(v, p)
        ? (v as Record<string, unknown>)[p]
        : undefined;
  return parseTime(v) ? (v as string) : null;
}

function onDay(at: ScheduleAt, date: string): boolean {
  const d = parseDate(date)!;
  if (at.days && !at.days.includes(WEEKDAYS[weekdayOf(d) - 1]!)) return false;
  // 29–31 fall on the last day of a shorter month.
  if (at.dayOfMonth !== undefined)
    return d.day === Math.min(at.dayOfMonth, daysInMonth(d.year, d.month));
  return true;
}

/** Occurrences of an `at` schedule with `from < at ≤ to`, oldest first. */
export function atOccurrences(
  at: ScheduleAt,
  time: string,
  from: Date,
  to: Date,
  timeZone: string,
): Occurrence[] {
  const out: Occurrence[] = [];
  const last = localDate(to, timeZone);
  // A day before `from`'s local date: a zone ahead of UTC may put it on the next local day.
  let date = addDays(parseDate(localDate(from, timeZone))!, -1);
  for (let guard = 0; date <= last && guard < 400; guard++) {
    const instant = atLocal(date, time, timeZone);
    if (instant && instant > from && instant <= to && onDay(at, date))
      out.push({ key: date, at: instant });
    date = addDays(parseDate(date)!, 1);
  }
  return out;
}

const negate = (d: Duration): Duration => ({ ...d, sign: d.sign === 1 ? -1 : 1 });

/** An `after` whose offset is read already (from config when bound): an ISO-8601 duration. */
export type ResolvedAfter = Omit<ScheduleAfter, 'offset'> & {
  offset: Exclude<ScheduleOffset, object>;
};

/**
 * An `after` schedule's moment for one record: its date at the local time (or its timestamp),
 * moved by the offset. Null when the record has no usable value.
 */
export function fireTime(
  after: ResolvedAfter,
  time: string,
  value: unknown,
  timeZone: string,
): Date | null {
  const offset = parseDuration(after.offset);
  if (!offset || typeof value !== 'string') return null;
  let base: Date | null;
  if (parseDate(value)) base = atLocal(value, time, timeZone);
  else {
    base = new Date(value);
    if (Number.isNaN(base.getTime())) base = null;
  }
  return base && addDuration(base, offset, timeZone);
}

/**
 * Bounds on the record field that contain every record firing within (from, to]: the window
 * moved back by the offset, widened by a day each side (calendar offsets and local times are
 * then checked exactly with `fireTime`). Dates compare as `YYYY-MM-DD`, timestamps as ISO text.
 */
export function fieldRange(
  after: ResolvedAfter,
  from: Date,
  to: Date,
  timeZone: string,
  isDate: boolean,
): { gte: string; lte: string } {
  const back = negate(parseDuration(after.offset)!);
  const lo = new Date(addDuration(from, back, timeZone).getTime() - 86_400_000);
  const hi = new Date(addDuration(to, back, timeZone).getTime() + 86_400_000);
  return isDate
    ? { gte: localDate(lo, timeZone), lte: localDate(hi, timeZone) }
    : { gte: lo.toISOString(), lte: hi.toISOString() };
}

import { daysInMonth, fromLocal, localParts } from './zone';

/**
 * A signed ISO-8601 duration (`P30D`, `-P1M`, `PT2H`, `P1DT12H`, `P2W`). Each number has at most
 * four digits, so no offset can reach past the range a date can hold.
 */
export const DURATION_PATTERN =
  '^[+-]?P(?!$)(?:\\d{1,4}Y)?(?:\\d{1,4}M)?(?:\\d{1,4}W)?(?:\\d{1,4}D)?(?:T(?=\\d)(?:\\d{1,4}H)?(?:\\d{1,4}M)?(?:\\d{1,4}S)?)?$';
const DURATION = new RegExp(DURATION_PATTERN);

export interface Duration {
  sign: 1 | -1;
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** The parts of a duration, or null when the text is not one. */
export function parseDuration(text: unknown): Duration | null {
  if (typeof text !== 'string' || !DURATION.test(text)) return null;
  const m =
    /^([+-])?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(
      text,
    )!;
  const n = (i: number) => Number(m[i] ?? 0);
  return {
    sign: m[1] === '-' ? -1 : 1,
    years: n(2),
    months: n(3),
    weeks: n(4),
    days: n(5),
    hours: n(6),
    minutes: n(7),
    seconds: n(8),
  };
}

/** Whether a duration has a time part (hours, minutes or seconds). */
export function hasTimePart(d: Duration): boolean {
  return d.hours + d.minutes + d.seconds > 0;
}

/** The exact length of a duration's parts in milliseconds, counting a day as 24 h and a month as 31 days (for bounds such as "at most P7D"). */
export function durationMs(d: Duration): number {
  const days = d.years * 366 + d.months * 31 + d.weeks * 7 + d.days;
  return d.sign * ((days * 24 + d.hours) * 3600 + d.minutes * 60 + d.seconds) * 1000;
}

/**
 * `instant` moved by `d` as a person in `timeZone` would count: years, months, weeks and days on
 * the local calendar (the time of day stays; the 31st plus one month is the last day of the next
 * month), then hours, minutes and seconds as elapsed time.
 */
export function addDuration(instant: Date, d: Duration, timeZone: string): Date {
  let at = instant;
  if (d.years || d.months || d.weeks || d.days) {
    const p = localParts(instant, timeZone);
    const months = p.year * 12 + (p.month - 1) + d.sign * (d.years * 12 + d.months);
    const year = Math.floor(months / 12);
    const month = (months % 12) + 1;
    const day = Math.min(p.day, daysInMonth(year, month)) + d.sign * (d.weeks * 7 + d.days);
    // Date.UTC normalises a day outside the month (e.g. 0 or 35) into the neighbouring month.
    const wall = new Date(Date.UTC(year, month - 1, day));
    at = fromLocal(
      {
        year: wall.getUTCFullYear(),
        month: wall.getUTCMonth() + 1,
        day: wall.getUTCDate(),
        hour: p.hour,
        minute: p.minute,
        second: p.second,
      },
      timeZone,
    );
  }
  const ms = d.sign * ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000;
  return ms ? new Date(at.getTime() + ms) : at;
}

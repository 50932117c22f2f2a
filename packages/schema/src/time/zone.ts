// Zone arithmetic with `Intl` alone: the platform's zones are IANA names and every browser and
// Node carries the tz database, so no offsets are written by hand and no library is loaded into
// the resident portal. One module, shared by the server, the studio and the portal.

/** The zone a community gets unless its operator sets another (mainland China, no DST). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** A wall-clock reading in some zone. `month` is 1–12, `weekday` 1 (Monday) – 7 (Sunday). */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `name` is an IANA time zone this runtime knows (e.g. `Asia/Shanghai`). */
export function isTimeZone(name: unknown): name is string {
  if (typeof name !== 'string' || name.length === 0 || name.length > 64) return false;
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at `instant`. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type === 'weekday') out.weekday = WEEKDAYS[p.value] ?? 1;
    else if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return out as unknown as LocalParts;
}

/** Milliseconds the zone's wall clock is ahead of UTC at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  const p = localParts(new Date(instant), timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock reading in `timeZone` names. In a gap (spring forward) the reading is
 * moved forward by the gap; in an overlap (fall back) the earlier instant is taken.
 */
export function fromLocal(
  wall: {
    year: number;
    month: number;
    day: number;
    hour?: number;
    minute?: number;
    second?: number;
  },
  timeZone: string,
): Date {
  const utc = Date.UTC(
    wall.year,
    wall.month - 1,
    wall.day,
    wall.hour ?? 0,
    wall.minute ?? 0,
    wall.second ?? 0,
  );
  const first = utc - offsetAt(utc, timeZone);
  const second = utc - offsetAt(first, timeZone);
  const reads = (t: number) => t + offsetAt(t, timeZone) === utc;
  const exact = [first, second].filter(reads);
  return new Date(exact.length ? Math.min(...exact) : Math.max(first, second));
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `YYYY-MM-DD` of the local date at `instant`. */
export function localDate(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** `{year, month, day}` of a `YYYY-MM-DD` string, or null when it is not a calendar date. */
export function parseDate(text: unknown): { year: number; month: number; day: number } | null {
  if (typeof text !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** `{hour, minute}` of an `HH:MM` string, or null. */
export function parseTime(text: unknown): { hour: number; minute: number } | null {
  if (typeof text !== 'string') return null;
  const m = /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(text);
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}

/** The instant of a local date (`YYYY-MM-DD`) at a local time (`HH:MM`), or null when either is malformed. */
export function atLocal(date: string, time: string, timeZone: string): Date | null {
  const d = parseDate(date);
  const t = parseTime(time);
  return d && t ? fromLocal({ ...d, ...t }, timeZone) : null;
}

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The calendar date `days` after (or before) a date, as `YYYY-MM-DD`. */
export function addDays(date: { year: number; month: number; day: number }, days: number): string {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function weekdayOf(date: { year: number; month: number; day: number }): number {
  const js = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return js === 0 ? 7 : js;
}

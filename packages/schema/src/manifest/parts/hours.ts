// manifestVersion 2: opening hours and slots of a catalogue entry (a room, a court, a desk). A
// create action names the config entry chosen in an `x-options` field; the server accepts only a
// start on that entry's slot grid within its opening hours and fills the slot's end, its moments
// and its week. The slot picker draws the same grid, so both read the same function.
import { addDays, atLocal, parseDate } from '../../time/zone';
import type { LocalizedText } from '../types';
import { weekdayName } from './offered';

/**
 * `"hours": {"entry": "space", "opens": "opens", "closes": "closes", "minutes": "slotMinutes",
 * "date": "date", "start": "start", "end": "end", "startsAt": "startsAt", "endsAt": "endsAt",
 * "week": "week"}`.
 */
export interface HoursDef {
  /** A record field with `x-options` bound to a config catalogue: the entry whose hours apply. */
  entry: string;
  /** Keys of the entry: opening and closing time of day (`HH:MM`) and the slot length (minutes). */
  opens: string;
  closes: string;
  minutes: string;
  /**
   * Optional key of the entry: the days of the week it is closed (`["sun"]`), on which it has no
   * slot (the server refuses with `message`, the slot picker offers none).
   */
  closedOn?: string;
  /** The record's local date (`format: "date"`) and the slot's start (`HH:MM` text). */
  date: string;
  start: string;
  /** Fields the server fills: the slot's end (`HH:MM`), its start and end as timestamps, and the
   * Monday of its week (a local date: a capacity rule keyed on it is a weekly limit). */
  end?: string;
  startsAt?: string;
  endsAt?: string;
  week?: string;
  /** Said when a start is not one of the entry's slots (409 `outside_hours`). */
  message?: LocalizedText;
}

const fieldName = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' };
const localized = {
  type: 'object',
  properties: {
    'zh-CN': { type: 'string', minLength: 1, maxLength: 500 },
    en: { type: 'string', minLength: 1, maxLength: 500 },
  },
  required: ['zh-CN', 'en'],
  additionalProperties: false,
};

/** The `hours` property of a create action in the manifest meta-schema. */
export const hoursProperty = {
  type: 'object',
  properties: {
    entry: fieldName,
    opens: fieldName,
    closes: fieldName,
    minutes: fieldName,
    closedOn: fieldName,
    date: fieldName,
    start: fieldName,
    end: fieldName,
    startsAt: fieldName,
    endsAt: fieldName,
    week: fieldName,
    message: localized,
  },
  required: ['entry', 'opens', 'closes', 'minutes', 'date', 'start'],
  additionalProperties: false,
};

/** Record fields `hours` fills on the server (never also an input). */
export function hoursFilledFields(def: HoursDef): string[] {
  return [def.end, def.startsAt, def.endsAt, def.week].filter((f): f is string => !!f);
}

function minutesOf(time: unknown): number | undefined {
  if (typeof time !== 'string') return undefined;
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A slot of an entry's day: its start and end time of day. */
export interface DaySlot {
  start: string;
  end: string;
}

/** At most this many slots a day (a 5-minute grid over 24 hours is 288). */
const MAX_SLOTS = 288;

/**
 * The slots of a catalogue entry's day: from its opening time, one every `minutes`, each ending
 * by its closing time. An entry without valid hours or length has none (it books nothing), nor
 * has `date` when the entry is closed on that day of the week.
 */
export function daySlots(
  def: HoursDef,
  entry: Record<string, unknown> | undefined,
  date?: string,
): DaySlot[] {
  if (!entry) return [];
  const closed = def.closedOn === undefined ? undefined : entry[def.closedOn];
  if (date !== undefined && Array.isArray(closed) && closed.includes(weekdayName(date))) return [];
  const opens = minutesOf(entry[def.opens]);
  const closes = minutesOf(entry[def.closes]);
  const length = entry[def.minutes];
  if (opens === undefined || closes === undefined) return [];
  if (typeof length !== 'number' || !Number.isInteger(length) || length < 5) return [];
  const out: DaySlot[] = [];
  for (let at = opens; at + length <= closes && out.length < MAX_SLOTS; at += length)
    out.push({ start: timeOf(at), end: timeOf(at + length) });
  return out;
}

/** The Monday (a local date) of the week holding `date`. */
export function weekOf(date: string): string | undefined {
  const d = parseDate(date);
  if (!d) return undefined;
  const weekday = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay(); // 0 = Sunday
  return addDays(d, -((weekday + 6) % 7));
}

/**
 * The fields `hours` fills for a start on `date`, or undefined when the start is not one of the
 * entry's slots (outside its opening hours, off its grid, or the entry has none).
 */
export function slotFields(
  def: HoursDef,
  entry: Record<string, unknown> | undefined,
  date: unknown,
  start: unknown,
  timeZone: string,
): Record<string, string> | undefined {
  if (typeof date !== 'string') return undefined;
  const slot = daySlots(def, entry, date).find((s) => s.start === start);
  const startsAt = slot && atLocal(date, slot.start, timeZone);
  const endsAt = slot && atLocal(date, slot.end, timeZone);
  const week = weekOf(date);
  if (!slot || !startsAt || !endsAt || !week) return undefined;
  const out: Record<string, string> = {};
  if (def.end) out[def.end] = slot.end;
  if (def.startsAt) out[def.startsAt] = startsAt.toISOString();
  if (def.endsAt) out[def.endsAt] = endsAt.toISOString();
  if (def.week) out[def.week] = week;
  return out;
}

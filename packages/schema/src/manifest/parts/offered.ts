// When an action is closed for a record: after its `deadline`, before its `opens`, or (version 2,
// `offered`) for a day and slot the operator's catalogue does not list (a weekly menu without
// Saturday dinner). The server refuses with these functions and the slot picker shows the same
// slots closed before anyone fills a form, so both read one declaration the same way.
import { DURATION_PATTERN } from '../../time/duration';
import { resolveRelative, TIME_ANCHORS, type TimeAnchor } from '../../time/relative';
import { addDays, atLocal, parseDate, weekdayOf } from '../../time/zone';
import { WEEKDAYS, type Weekday } from './schedules';
import type { Deadline, LocalizedText } from '../types';

/** How a record's value is compared with a catalogue entry's: as is, or a date's day of the week. */
export type OfferedMatch = string | { field: string; as: 'weekday' };

/**
 * `"offered": {"bind": "config.menu", "match": {"day": {"field": "date", "as": "weekday"},
 * "slot": "slot"}, "message": …}`: a create is accepted only when an entry of the config array
 * has, for every key of `match`, the record's value (a date field `as: "weekday"` reads
 * `mon` … `sun` in the community's calendar).
 */
export interface OfferedDef {
  bind: `config.${string}`;
  /** Entry key → the record field (or its weekday) that must equal it. */
  match: Record<string, OfferedMatch>;
  /** Said when nothing on offer matches (409 `not_offered`), and beside the closed slot. */
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

/**
 * A schedule's `offered` may also compare a day relative to its occurrence (`{"var": "today",
 * "offset": "P1D", "as": "weekday"}`: tomorrow's day of the week), so a reminder to book for
 * tomorrow goes out only when tomorrow has something on offer.
 */
export type ScheduleOfferedMatch =
  OfferedMatch | { var: TimeAnchor; offset?: string; as: 'weekday' };

/** `offered` on a schedule: it acts only on records (and occurrences) the catalogue offers. */
export interface ScheduleOfferedDef {
  bind: `config.${string}`;
  match: Record<string, ScheduleOfferedMatch>;
}

const matchOf = (...variants: object[]) => ({
  type: 'object',
  minProperties: 1,
  maxProperties: 4,
  propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' },
  additionalProperties: { oneOf: variants },
});
const weekdayOfField = {
  type: 'object',
  properties: { field: fieldName, as: { const: 'weekday' } },
  required: ['field', 'as'],
  additionalProperties: false,
};
const configList = { type: 'string', pattern: '^config(?:\\.[A-Za-z_][A-Za-z0-9_]*){1,5}$' };

/** The `offered` property of a create action in the manifest meta-schema. */
export const offeredProperty = {
  type: 'object',
  properties: { bind: configList, match: matchOf(fieldName, weekdayOfField), message: localized },
  required: ['bind', 'match'],
  additionalProperties: false,
};

/** The `offered` property of a schedule in the manifest meta-schema. */
export const scheduleOfferedProperty = {
  type: 'object',
  properties: {
    bind: configList,
    match: matchOf(fieldName, weekdayOfField, {
      type: 'object',
      properties: {
        var: { enum: [...TIME_ANCHORS] },
        offset: { type: 'string', pattern: DURATION_PATTERN },
        as: { const: 'weekday' },
      },
      required: ['var', 'as'],
      additionalProperties: false,
    }),
  },
  required: ['bind', 'match'],
  additionalProperties: false,
};

/** The record field a `match` entry reads; none for a day relative to a schedule's occurrence. */
export const offeredField = (m: ScheduleOfferedMatch): string | undefined =>
  typeof m === 'string' ? m : 'field' in m ? m.field : undefined;

/** `mon` … `sun` of a `YYYY-MM-DD` date (a calendar date: the same in every zone). */
export function weekdayName(date: unknown): Weekday | undefined {
  const d = parseDate(date);
  return d ? WEEKDAYS[weekdayOf(d) - 1] : undefined;
}

function read(obj: unknown, path: string): unknown {
  let v = obj;
  for (const p of path.split('.'))
    v =
      typeof v === 'object' && v !== null && Object.prototype.hasOwnProperty.call(v, p)
        ? (v as Record<string, unknown>)[p]
        : undefined;
  return v;
}

/**
 * Whether an entry of the config catalogue matches the record's values (and, for a schedule's
 * day relative to its occurrence, `vars`: the filter vars read at the occurrence).
 */
export function isOffered(
  def: OfferedDef | ScheduleOfferedDef,
  values: Record<string, unknown>,
  config: Record<string, unknown>,
  vars?: Record<string, unknown>,
): boolean {
  const list = read(config, def.bind.slice('config.'.length));
  if (!Array.isArray(list)) return false;
  const wanted = Object.entries(def.match).map(([key, m]: [string, ScheduleOfferedMatch]) => {
    if (typeof m === 'string') return [key, values[m]] as const;
    if ('field' in m) return [key, weekdayName(values[m.field])] as const;
    const day = vars ? resolveRelative(vars, m.var, m.offset, 'date') : null;
    return [key, day === null ? undefined : weekdayName(day)] as const;
  });
  if (wanted.some(([, v]) => v === undefined)) return false;
  return list.some(
    (entry) =>
      typeof entry === 'object' &&
      entry !== null &&
      wanted.every(([key, v]) => read(entry, key) === v),
  );
}

/**
 * The moment a `deadline` (or `opens`) names for a record: its `date` field + `offsetDays` at
 * `time`, local; `time` is literal, the operator's (`config.*`) or the record's own
 * (`item.<field>`, an event's start). Undefined when the date or the time is missing or not
 * valid (an unconfigured cut-off limits nothing).
 */
export function cutOffAt(
  deadline: Deadline,
  values: Record<string, unknown>,
  config: Record<string, unknown>,
  timeZone: string,
): Date | undefined {
  const time =
    typeof deadline.time === 'string'
      ? deadline.time
      : deadline.time.bind.startsWith('item.')
        ? read(values, deadline.time.bind.slice('item.'.length))
        : read(config, deadline.time.bind.slice('config.'.length));
  const day = parseDate(values[deadline.date]);
  if (!day || typeof time !== 'string' || !/^\d{2}:\d{2}$/.test(time)) return undefined;
  return atLocal(addDays(day, deadline.offsetDays ?? 0), time, timeZone) ?? undefined;
}

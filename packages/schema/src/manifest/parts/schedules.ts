// manifestVersion 2: `schedules`, work the server runs on its own in the community's time zone.
// The meta-schema part (referenced from meta-schema.ts) and its TypeScript types.
import type { Filter } from '../../filter/types';
import { DURATION_PATTERN } from '../../time/duration';
import { TIME_ANCHORS, type TimeAnchor, type TimeAs } from '../../time/relative';
import { PATTERNS, relativeKeys } from '../defs';
import type { Binding, LocalizedText, Notify } from '../types';
import type { ScheduleOfferedDef } from './offered';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Defaults the platform fills in (`upgradeManifest`): catch-up window and the switch. */
export const SCHEDULE_DEFAULTS = { catchUp: 'PT1H', enabledByDefault: false } as const;
/** The longest catch-up window: a week of downtime at most is made good. */
export const MAX_CATCH_UP = 'P7D';

/** A time of day: literal `HH:MM` or bound to config (`{"bind": "config.checkTime"}`). */
export type TimeOfDay = string | Binding;

export interface ScheduleAt {
  time: TimeOfDay;
  /** Only on these week days (default: every day). */
  days?: Weekday[];
  /** Only on this day of the month (29–31 fall on the last day of shorter months). */
  dayOfMonth?: number;
}

/** Units of an offset read from config: the config value is a whole number of them. */
export const OFFSET_UNITS = ['minutes', 'hours', 'days'] as const;
export type OffsetUnit = (typeof OFFSET_UNITS)[number];

/**
 * How far from the record's field an `after` schedule fires: an ISO-8601 duration, or a whole
 * number of `unit`s the operator sets in config (`{"bind": "config.acceptWithinHours",
 * "unit": "hours"}`: "escalate requests not accepted within the configured hours").
 */
export type ScheduleOffset = string | { bind: `config.${string}`; unit: OffsetUnit };

/** Relative to each record: its `field` (a date, then `time`, or a timestamp) moved by `offset`. */
export interface ScheduleAfter {
  field: string;
  offset: ScheduleOffset;
  /** Only for `YYYY-MM-DD` fields: the local time on that date (default 00:00). */
  time?: TimeOfDay;
}

/** Acts only on records with no matching record in `collection` (e.g. no check-in today). */
export interface ScheduleAbsence {
  collection: string;
  /** Field of `collection` → field of the schedule's record (`{"elderId": "_id"}`). */
  match: Record<string, string>;
  where?: Filter;
}

/** A value of a follow-up record: a literal, a server var, or the acted-on record's field. */
export type ScheduleValue =
  | string
  | number
  | boolean
  | null
  | { var: TimeAnchor | 'code' | `config.${string}`; offset?: string; as?: TimeAs }
  | { bind: `item.${string}` };

export interface ScheduleDef {
  label: LocalizedText;
  description?: LocalizedText;
  /** Whether a new installation runs it before the operator decides (default false). */
  enabledByDefault?: boolean;
  /** When: exactly one of `at` and `after`. */
  at?: ScheduleAt;
  after?: ScheduleAfter;
  /** After downtime, occurrences younger than this still run, once (default PT1H, at most P7D). */
  catchUp?: string;
  /** The records it acts on. */
  collection: string;
  where?: Filter;
  /** What — any of these (at least one): */
  transition?: string;
  notify?: Notify[];
  create?: { collection: string; set: Record<string, ScheduleValue> };
  absence?: ScheduleAbsence;
  /**
   * Acts on at most one record per value of this field per occurrence (`"createdBy"`: one
   * reminder per person, however many of their records match), claimed like each record.
   */
  onePer?: string;
  /**
   * Acts only when an entry of a config catalogue matches, as a create action's `offered` (e.g.
   * a reminder to book tomorrow's meals only when tomorrow's weekday is on the menu).
   */
  offered?: ScheduleOfferedDef;
}

const timeOfDay = {
  type: ['string', 'object'],
  pattern: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$',
  properties: { bind: { type: 'string', pattern: '^config(?:\\.[A-Za-z_][A-Za-z0-9_]*){1,5}$' } },
  required: ['bind'],
  additionalProperties: false,
};
const duration = { type: 'string', pattern: DURATION_PATTERN };
const offset = {
  type: ['string', 'object'],
  pattern: DURATION_PATTERN,
  properties: {
    bind: { type: 'string', pattern: '^config(?:\\.[A-Za-z_][A-Za-z0-9_]*){1,5}$' },
    unit: { enum: [...OFFSET_UNITS] },
  },
  required: ['bind', 'unit'],
  additionalProperties: false,
};

/**
 * An `after` offset as an ISO-8601 duration: the literal, or the configured whole number of
 * units (`PT48H`); null when the config value is missing or not a whole number ≥ 0, so the
 * schedule waits for the operator instead of firing at the record's own moment.
 */
export function resolveOffset(
  offset: ScheduleOffset,
  config: Record<string, unknown>,
): string | null {
  if (typeof offset === 'string') return offset;
  let v: unknown = config;
  for (const p of offset.bind.split('.').slice(1))
    v =
      typeof v === 'object' && v !== null && Object.prototype.hasOwnProperty.call(v, p)
        ? (v as Record<string, unknown>)[p]
        : undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return null;
  return offset.unit === 'days' ? `P${v}D` : `PT${v}${offset.unit === 'hours' ? 'H' : 'M'}`;
}
const ref = (name: string) => ({ $ref: `#/$defs/${name}` });
const closed = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
const fieldPath = { type: 'string', pattern: PATTERNS.fieldPath };
const fieldMap = (max: number) => ({
  type: 'object',
  minProperties: 1,
  maxProperties: max,
  propertyNames: { pattern: PATTERNS.fieldName },
});

/** `$defs` entries of the manifest meta-schema for schedules. */
export const scheduleDefs = {
  schedule: closed(
    {
      label: ref('localizedText'),
      description: ref('localizedText'),
      enabledByDefault: { type: 'boolean' },
      at: closed(
        {
          time: timeOfDay,
          days: {
            type: 'array',
            minItems: 1,
            maxItems: 7,
            uniqueItems: true,
            items: { enum: [...WEEKDAYS] },
          },
          dayOfMonth: { type: 'integer', minimum: 1, maximum: 31 },
        },
        ['time'],
      ),
      after: closed({ field: fieldPath, offset, time: timeOfDay }, ['field', 'offset']),
      catchUp: duration,
      collection: ref('identifier'),
      where: ref('filter'),
      transition: ref('identifier'),
      notify: { type: 'array', maxItems: 10, items: ref('notify') },
      create: closed(
        {
          collection: ref('identifier'),
          set: {
            ...fieldMap(20),
            additionalProperties: {
              type: ['string', 'number', 'boolean', 'null', 'object'],
              maxLength: 1000,
              properties: {
                var: {
                  type: 'string',
                  pattern: `^(?:${TIME_ANCHORS.join('|')}|code|config(?:\\.[A-Za-z_][A-Za-z0-9_]*){1,5})$`,
                },
                ...relativeKeys,
                bind: { type: 'string', pattern: '^item(?:\\.[A-Za-z_][A-Za-z0-9_]*){1,5}$' },
              },
              minProperties: 1,
              additionalProperties: false,
            },
          },
        },
        ['collection', 'set'],
      ),
      absence: closed(
        {
          collection: ref('identifier'),
          match: { ...fieldMap(3), additionalProperties: fieldPath },
          where: ref('filter'),
        },
        ['collection', 'match'],
      ),
      onePer: fieldPath,
      offered: ref('scheduleOffered'),
    },
    ['label', 'collection'],
  ),
};

/** The top-level `schedules` property of the manifest meta-schema. */
export const schedulesProperty = {
  type: 'object',
  maxProperties: 20,
  propertyNames: { pattern: PATTERNS.identifier },
  additionalProperties: ref('schedule'),
};

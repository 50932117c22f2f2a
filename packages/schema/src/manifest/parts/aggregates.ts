// Aggregate queries (`kind: "aggregate"`, manifestVersion 2): sums, averages, minimums and
// maximums over a date range, grouped by fields and/or day / week / month buckets in the
// community's time zone, optionally as community-wide figures with small groups suppressed.
// The meta-schema part, its TypeScript types and the vocabularies live here; the semantic
// checks in ../semantic/aggregates.ts.
import type { Filter } from '../../filter/types';
import type { LocalizedText } from '../types';
import { rankProperty, type RankDef } from './rank';
import { PATTERNS } from '../defs';
import { DURATION_PATTERN, TIME_ANCHORS, type TimeAnchor, type TimeAs } from '../../time';

export const AGGREGATE_OPS = ['count', 'sum', 'avg', 'median', 'min', 'max', 'share'] as const;
export type AggregateOp = (typeof AGGREGATE_OPS)[number];

/** Units of an elapsed-time measure (`since`). */
export const ELAPSED_UNITS = ['minutes', 'hours', 'days'] as const;
export type ElapsedUnit = (typeof ELAPSED_UNITS)[number];

export const BUCKET_UNITS = ['day', 'week', 'month'] as const;
export type BucketUnit = (typeof BUCKET_UNITS)[number];

export const AGGREGATE_SCOPES = ['readable', 'community'] as const;
export type AggregateScope = (typeof AGGREGATE_SCOPES)[number];

/** The default minimum group size of a community-scope aggregate. */
export const DEFAULT_MIN_GROUP_SIZE = 5;
/** Most rows (groups × buckets) one aggregate answers; more are cut and flagged `truncated`. */
export const MAX_AGGREGATE_ROWS = 2000;

/**
 * A point in time for a range: a local date (`YYYY-MM-DD`, its start in the community's zone),
 * an ISO-8601 timestamp, or a relative date `{var, offset?}` resolved in the community's zone.
 */
export type DateValue = string | { var: TimeAnchor; offset?: string; as?: TimeAs };

export interface AggregateMeasure {
  /** How the figure is named in answers, `stat.measure`, `chart.measure` and metrics. */
  id: string;
  op: AggregateOp;
  /** A number field; not for `count` (which counts records). */
  field?: string;
  /**
   * With `since` (a date field), the figure is the time from `since` to `field` (then a date
   * field too) in `unit`: "median time to answer" is `{op: "median", field: "answeredAt",
   * since: "createdAt", unit: "hours"}`. Records missing either date, or answered "before"
   * they were raised, are left out.
   */
  since?: string;
  unit?: ElapsedUnit;
  /**
   * `share` only: the percentage (0–100) of the records counted that match this filter over the
   * record ("subsidised meals as a share of all meals"); read and rolled up like an `avg`.
   */
  where?: Filter;
  label?: LocalizedText;
}

export interface AggregateBucket {
  /** `createdAt`, `updatedAt`, or a `format: date` / `date-time` field. */
  field: string;
  unit: BucketUnit;
}

export interface AggregateRange {
  /** The date the range applies to: `createdAt`, `updatedAt`, or a date / date-time field. */
  field: string;
  /** Without parameters: `from` defaults to `to` minus `maxDays`, `to` to now. */
  default?: { from?: DateValue; to?: DateValue };
  /** The longest range a client may ask for, in days (≤ 3660). */
  maxDays: number;
}

/** The fields a `kind: "aggregate"` query adds to a query. */
export interface AggregateQueryFields {
  /** `aggregate` only: the figures, computed per group. */
  measures?: AggregateMeasure[];
  /** `aggregate` only: one row per day / week (from Monday) / month of this date field. */
  bucket?: AggregateBucket;
  /** `aggregate` only (required there): the date range and its bounds. */
  range?: AggregateRange;
  /**
   * `aggregate` only. `readable` (default): over what the caller may read. `community`: over
   * every record of the community, for the query's `roles`, with small groups suppressed.
   */
  scope?: AggregateScope;
  /** `community` scope: groups of fewer records come back `suppressed` (default 5). */
  minGroupSize?: number;
  /**
   * `aggregate` only, readable scope: a person field (`createdBy` or an `x-ref: "user"` string).
   * The figures are one person's: the caller's, or with `for=<account id>` those of a family
   * member who allowed the caller to act for them (a trend chart of "my" measurements).
   */
  subject?: string;
  /**
   * `aggregate` only, community scope: the figures per person, highest first, over the people
   * who opted in, named as their opt-in record's privacy lets the reader see (parts/rank.ts).
   */
  rank?: RankDef;
}

const lt = { $ref: '#/$defs/localizedText' };
const fieldPath = { type: 'string', pattern: PATTERNS.fieldPath };

/** A `DateValue` in the meta-schema and the primitives' props. */
export const dateValueSchema = {
  type: ['string', 'object'],
  maxLength: 40,
  pattern:
    '^\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,3})?)?(?:Z|[+-]\\d{2}:\\d{2}))?$',
  properties: {
    var: { enum: [...TIME_ANCHORS] },
    offset: { type: 'string', maxLength: 40, pattern: DURATION_PATTERN },
    as: { enum: ['date', 'timestamp'] },
  },
  required: ['var'],
  additionalProperties: false,
} as const;

/** The meta-schema properties the aggregate kind adds to `$defs.query`. */
export const aggregateQueryProperties = {
  measures: {
    type: 'array',
    minItems: 1,
    maxItems: 10,
    items: {
      type: 'object',
      properties: {
        id: { $ref: '#/$defs/identifier' },
        op: { enum: [...AGGREGATE_OPS] },
        field: fieldPath,
        since: fieldPath,
        unit: { enum: [...ELAPSED_UNITS] },
        where: { $ref: '#/$defs/filter' },
        label: lt,
      },
      required: ['id', 'op'],
      dependentRequired: { since: ['unit', 'field'], unit: ['since'] },
      additionalProperties: false,
    },
  },
  bucket: {
    type: 'object',
    properties: { field: fieldPath, unit: { enum: [...BUCKET_UNITS] } },
    required: ['field', 'unit'],
    additionalProperties: false,
  },
  range: {
    type: 'object',
    properties: {
      field: fieldPath,
      default: {
        type: 'object',
        properties: { from: dateValueSchema, to: dateValueSchema },
        additionalProperties: false,
      },
      maxDays: { type: 'integer', minimum: 1, maximum: 3660 },
    },
    required: ['field', 'maxDays'],
    additionalProperties: false,
  },
  scope: { enum: [...AGGREGATE_SCOPES] },
  minGroupSize: { type: 'integer', minimum: 2, maximum: 1000 },
  subject: fieldPath,
  rank: rankProperty,
} as const;

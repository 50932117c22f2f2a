// What a chart draws, built from a query's answer: categories along one axis (buckets in time,
// or groups), one or more series of values, gaps where figures are hidden or missing.
import {
  addDays,
  daysInMonth,
  DEFAULT_TIME_ZONE,
  localDate,
  parseDate,
  weekdayOf,
  type AggregateAnswer,
  type AggregateRow,
  type BucketUnit,
  type QueryDef,
} from '@scene/schema';
import type { GroupCount } from '../data-source';

export interface ChartPoint {
  /** null: no figure (nothing recorded, or hidden). */
  value: number | null;
  /** The figure exists but its group is too small to show. */
  hidden?: boolean;
}

export interface ChartSeries {
  key: string;
  label: string;
  points: ChartPoint[];
}

export interface ChartModel {
  /** `time`: categories are consecutive buckets; `groups`: categories are groups. */
  axis: 'time' | 'groups';
  categories: string[];
  series: ChartSeries[];
  /** Some figure was hidden (a group below the minimum size). */
  hidden: boolean;
}

/** Counts of a `group` query: one series, one category per value. */
export function groupModel(groups: GroupCount[], label: (value: unknown) => string): ChartModel {
  return {
    axis: 'groups',
    categories: groups.map((g) => label(g.value)),
    series: [{ key: 'count', label: '', points: groups.map((g) => ({ value: g.count })) }],
    hidden: false,
  };
}

/** Every bucket from the one holding `from` to the last starting before `to` (at most 400). */
export function bucketsBetween(
  from: string,
  to: string,
  unit: BucketUnit,
  timeZone = DEFAULT_TIME_ZONE,
): string[] {
  const first = parseDate(localDate(new Date(from), timeZone));
  if (!first) return [];
  const last = localDate(new Date(new Date(to).getTime() - 1), timeZone);
  const start =
    unit === 'day'
      ? first
      : unit === 'week'
        ? parseDate(addDays(first, 1 - weekdayOf(first)))!
        : { ...first, day: 1 };
  const out: string[] = [];
  for (let d = start; out.length < 400;) {
    const day = addDays(d, 0);
    if (day > last) break;
    out.push(unit === 'month' ? day.slice(0, 7) : day);
    const step = unit === 'day' ? 1 : unit === 'week' ? 7 : daysInMonth(d.year, d.month);
    d = parseDate(addDays(d, step))!;
  }
  return out;
}

export interface AggregateLabels {
  /** A group's key (`groupBy` values) in words. */
  key(key: Record<string, unknown>): string;
  /** A bucket in words. */
  bucket(bucket: string, unit: BucketUnit): string;
  /** The measure's name, for a chart with one series. */
  measure: string;
}

const valueOf = (row: AggregateRow | undefined, measure: string): ChartPoint | undefined => {
  if (!row) return undefined;
  if (row.suppressed) return { value: null, hidden: true };
  return { value: row.values[measure] ?? null };
};

/**
 * An aggregate's rows: with a bucket, time along the axis and one series per group; without,
 * one category per group. A bucket with no records reads 0 for counts and sums (a gap for an
 * average, a minimum or a maximum of nothing); a hidden one is a gap. The answer lists hidden
 * rows by their keys, so a zero tells a reader nothing the answer did not.
 */
export function aggregateModel(
  answer: AggregateAnswer,
  q: QueryDef,
  measure: string,
  labels: AggregateLabels,
  timeZone = DEFAULT_TIME_ZONE,
): ChartModel {
  const rows = answer.rows ?? [];
  const hidden = rows.some((r) => r.suppressed);
  const keyOf = (r: AggregateRow) => JSON.stringify(r.key ?? null);
  // Series in the server's order of keys (their JSON text), whatever order rows come in.
  const keys = [...new Map(rows.map((r) => [keyOf(r), r.key])).entries()].sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  if (!q.bucket) {
    return {
      axis: 'groups',
      categories: rows.map((r) => (r.key ? labels.key(r.key) : labels.measure)),
      series: [
        {
          key: measure,
          label: labels.measure,
          points: rows.map((r) => valueOf(r, measure)!),
        },
      ],
      hidden,
    };
  }
  const unit = q.bucket.unit;
  const buckets = bucketsBetween(answer.from, answer.to, unit, timeZone);
  const op = q.measures?.find((m) => m.id === measure)?.op;
  const none: ChartPoint = { value: op === 'count' || op === 'sum' ? 0 : null };
  const byCell = new Map(rows.map((r) => [`${r.bucket}|${keyOf(r)}`, r]));
  const series = (keys.length ? keys : [['null', undefined] as const]).map(([k, key]) => ({
    key: k,
    label: key ? labels.key(key) : labels.measure,
    points: buckets.map((b) => valueOf(byCell.get(`${b}|${k}`), measure) ?? none),
  }));
  return {
    axis: 'time',
    categories: buckets.map((b) => labels.bucket(b, unit)),
    series,
    hidden,
  };
}

export interface Slice {
  label: string;
  value: number;
}

/** A pie's slices: per category of a single series, else per series; hidden figures left out. */
export function slicesOf(model: ChartModel): Slice[] {
  const sum = (points: ChartPoint[]) => points.reduce((s, p) => s + (p.value ?? 0), 0);
  const slices =
    model.series.length === 1
      ? model.categories.map((label, i) => ({
          label,
          value: model.series[0]!.points[i]?.value ?? 0,
        }))
      : model.series.map((s) => ({ label: s.label, value: sum(s.points) }));
  return slices.filter((s) => s.value > 0);
}

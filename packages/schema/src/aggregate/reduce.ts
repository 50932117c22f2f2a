// One pass over a query's records: each record counts in the period its range field falls in,
// in its group (`groupBy` values) and bucket (day / week / month of the bucket field in the
// community's zone). The same code runs on the server (over a database cursor, so FerretDB and
// MongoDB give the same numbers) and in previews (over example records).
import type { AggregateMeasure, BucketUnit, ElapsedUnit } from '../manifest/parts/aggregates';
import { MAX_AGGREGATE_ROWS } from '../manifest/parts/aggregates';
import { evaluateFilter } from '../filter/evaluate';
import { forEachCondition } from '../filter/shape';
import type { QueryDef } from '../manifest/types';
import { addDays, fromLocal, localDate, parseDate, weekdayOf } from '../time';
import type { Period } from './range';
import { suppress } from './suppress';
import type { AggregateFigures, AggregatePeriod, AggregateRow } from './types';

/** Code-unit order: the same everywhere, whatever the locale. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/** A dotted field of a stored record (own properties only). */
export function fieldValue(doc: Record<string, unknown>, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (FORBIDDEN.has(part) || typeof cur !== 'object' || cur === null) return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/**
 * Turns stored date values into instants and local dates, caching per distinct value: a
 * collection holds many records per day, and zone arithmetic goes through `Intl`.
 */
export class ZoneClock {
  private readonly midnights = new Map<string, number>();
  private readonly days = new Map<number, string>();
  constructor(readonly timeZone: string) {}

  /** Milliseconds of a stored date: a `YYYY-MM-DD` is its local midnight; NaN when not a date. */
  instant(value: unknown): number {
    if (typeof value !== 'string') return NaN;
    if (value.length === 10) {
      let t = this.midnights.get(value);
      if (t === undefined) {
        const d = parseDate(value);
        t = d ? fromLocal(d, this.timeZone).getTime() : NaN;
        this.midnights.set(value, t);
      }
      return t;
    }
    return Date.parse(value);
  }

  /**
   * The local date of an instant. Every zone's offset is a whole number of quarter hours and
   * changes on one, so all instants of one UTC quarter hour share their local date.
   */
  localDate(ms: number): string {
    const slot = Math.floor(ms / 900_000);
    let day = this.days.get(slot);
    if (day === undefined) {
      day = localDate(new Date(ms), this.timeZone);
      if (this.days.size > 200_000) this.days.clear();
      this.days.set(slot, day);
    }
    return day;
  }

  /** The bucket of a stored date: its local day, the Monday of its week, or its month. */
  bucket(value: unknown, unit: BucketUnit): string | undefined {
    const day =
      typeof value === 'string' && value.length === 10 && parseDate(value)
        ? value
        : Number.isFinite(this.instant(value))
          ? this.localDate(this.instant(value))
          : undefined;
    if (day === undefined) return undefined;
    if (unit === 'day') return day;
    if (unit === 'month') return day.slice(0, 7);
    const d = parseDate(day)!;
    return addDays(d, 1 - weekdayOf(d));
  }
}

interface Acc {
  count: number;
  sums: number[];
  ns: number[];
  mins: number[];
  maxs: number[];
  /** Every value of a `median` measure (other measures keep none). */
  lists: number[][];
}

const UNIT_MS: Record<ElapsedUnit, number> = {
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

/**
 * A measure's value in one record: its number field, or the time between two dates (`since`);
 * undefined when the record has none. Roll-ups read records through it too.
 */
export function measureValue(
  m: AggregateMeasure,
  doc: Record<string, unknown>,
  clock: ZoneClock,
): number | undefined {
  // A share is the mean of 100 for each record that matches and 0 for each that does not.
  if (m.op === 'share') return m.where && evaluateFilter(m.where, doc, {}) ? 100 : 0;
  if (m.since !== undefined) {
    const ms = clock.instant(fieldValue(doc, m.field!)) - clock.instant(fieldValue(doc, m.since));
    return Number.isFinite(ms) && ms >= 0 ? ms / UNIT_MS[m.unit ?? 'hours'] : undefined;
  }
  const v = fieldValue(doc, m.field!);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The record fields a measure reads (what a projected read must fetch). */
export function measureFields(m: AggregateMeasure): string[] {
  const out = [m.field, m.since].filter((f): f is string => f !== undefined);
  if (m.where) forEachCondition(m.where, (c) => out.push(c.field));
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Cell {
  key?: Record<string, unknown>;
  bucket?: string;
  acc: Acc;
}

export class AggregateReducer {
  private readonly measures: NonNullable<QueryDef['measures']>;
  private readonly groupBy: string[];
  private readonly clock: ZoneClock;
  private readonly totals: Acc[];
  private readonly cells: Map<string, Cell>[];

  constructor(
    private readonly q: QueryDef,
    timeZone: string,
    private readonly periods: Period[],
  ) {
    this.measures = q.measures ?? [];
    this.groupBy = typeof q.groupBy === 'string' ? [q.groupBy] : (q.groupBy ?? []);
    this.clock = new ZoneClock(timeZone);
    this.totals = periods.map(() => this.acc());
    this.cells = periods.map(() => new Map());
  }

  private acc(): Acc {
    const n = this.measures.length;
    return {
      count: 0,
      sums: new Array<number>(n).fill(0),
      ns: new Array<number>(n).fill(0),
      mins: new Array<number>(n).fill(Infinity),
      maxs: new Array<number>(n).fill(-Infinity),
      lists: this.measures.map(() => []),
    };
  }

  private count(acc: Acc, doc: Record<string, unknown>): void {
    acc.count++;
    this.measures.forEach((m, i) => {
      if (m.op === 'count' || (m.field === undefined && m.op !== 'share')) return;
      const v = measureValue(m, doc, this.clock);
      if (v === undefined) return;
      if (m.op === 'median') acc.lists[i]!.push(v);
      acc.sums[i]! += v;
      acc.ns[i]!++;
      if (v < acc.mins[i]!) acc.mins[i] = v;
      if (v > acc.maxs[i]!) acc.maxs[i] = v;
    });
  }

  /** Counts one record in the period, group and bucket it belongs to (or nowhere). */
  add(doc: Record<string, unknown>): void {
    const at = this.clock.instant(fieldValue(doc, this.q.range!.field));
    if (!Number.isFinite(at)) return;
    const p = this.periods.findIndex((r) => at >= r.from.getTime() && at < r.to.getTime());
    if (p < 0) return;
    this.count(this.totals[p]!, doc);
    if (!this.q.bucket && this.groupBy.length === 0) return;
    let bucket: string | undefined;
    if (this.q.bucket) {
      bucket = this.clock.bucket(fieldValue(doc, this.q.bucket.field), this.q.bucket.unit);
      if (bucket === undefined) return;
    }
    const values = this.groupBy.map((g) => fieldValue(doc, g) ?? null);
    const id = JSON.stringify([bucket ?? null, ...values]);
    let cell = this.cells[p]!.get(id);
    if (!cell) {
      cell = { acc: this.acc() };
      if (this.groupBy.length)
        cell.key = Object.fromEntries(this.groupBy.map((g, i) => [g, values[i]]));
      if (bucket !== undefined) cell.bucket = bucket;
      this.cells[p]!.set(id, cell);
    }
    this.count(cell.acc, doc);
  }

  private figures(acc: Acc): AggregateFigures {
    const values: Record<string, number | null> = {};
    this.measures.forEach((m, i) => {
      const n = acc.ns[i]!;
      values[m.id] =
        m.op === 'count'
          ? acc.count
          : m.op === 'sum'
            ? acc.sums[i]!
            : n === 0
              ? null
              : m.op === 'avg' || m.op === 'share'
                ? acc.sums[i]! / n
                : m.op === 'median'
                  ? median(acc.lists[i]!)
                  : m.op === 'min'
                    ? acc.mins[i]!
                    : acc.maxs[i]!;
    });
    return { count: acc.count, values };
  }

  /**
   * Each period's figures. `minGroupSize` (community scope) suppresses the total and the rows
   * below it, and as many more rows as needed so the total never gives a suppressed row away.
   */
  result(minGroupSize?: number): AggregatePeriod[] {
    const grouped = Boolean(this.q.bucket) || this.groupBy.length > 0;
    return this.periods.map((period, p) => {
      const sorted = [...this.cells[p]!.values()].sort(
        (a, b) =>
          byText(a.bucket ?? '', b.bucket ?? '') ||
          byText(JSON.stringify(a.key ?? null), JSON.stringify(b.key ?? null)),
      );
      const rows: AggregateRow[] = sorted.map((c) => ({
        ...(c.key ? { key: c.key } : {}),
        ...(c.bucket !== undefined ? { bucket: c.bucket } : {}),
        ...this.figures(c.acc),
      }));
      const out: AggregatePeriod = {
        from: period.from.toISOString(),
        to: period.to.toISOString(),
        total: this.figures(this.totals[p]!),
      };
      if (grouped) out.rows = rows;
      if (minGroupSize !== undefined) Object.assign(out, suppress(out, minGroupSize));
      if (out.rows && out.rows.length > MAX_AGGREGATE_ROWS) {
        out.rows = out.rows.slice(0, MAX_AGGREGATE_ROWS);
        out.truncated = true;
      }
      return out;
    });
  }
}

// The answer of an aggregate query, as the server sends it and the renderer draws it.

/** One group's figures: records counted and each measure's value (null when nothing to measure). */
export interface AggregateFigures {
  count: number;
  values: Record<string, number | null>;
}

/**
 * One row: a group (`key`: the `groupBy` values) and/or a `bucket` (`YYYY-MM-DD` for a day or a
 * week's Monday, `YYYY-MM` for a month, in the community's zone). A community-wide row counting
 * fewer records than the query's minimum group size is `suppressed` and carries no figures.
 */
export type AggregateRow = { key?: Record<string, unknown>; bucket?: string } & (
  (AggregateFigures & { suppressed?: false }) | { suppressed: true }
);

/** The total over the whole period, suppressed like a row. */
export type AggregateTotal = (AggregateFigures & { suppressed?: false }) | { suppressed: true };

/** One period's figures: `[from, to)` as ISO instants. */
export interface AggregatePeriod {
  from: string;
  to: string;
  total: AggregateTotal;
  /** Present when the query groups or buckets; sorted by bucket, then by key. */
  rows?: AggregateRow[];
  /** More rows than one answer carries (2000): the rest were left out. */
  truncated?: boolean;
}

/** `kind: "aggregate"`: the asked period and, with `compare=previous`, the one just before. */
export interface AggregateAnswer extends AggregatePeriod {
  kind: 'aggregate';
  previous?: AggregatePeriod;
}

import type { mongo } from 'mongoose';
import { isDuplicateKey } from '../../db/claims';
import type { MetricHead } from '../figures';

/** One month of a community's daily roll-ups: `_id` `<communityId>|<YYYY-MM>`. */
export const ROLLUP_MONTHS = 'ops_rollup_months';
/** Per community: how far it is rolled up, its metrics' headings and its completeness score. */
export const ROLLUP_STATE = 'ops_rollup_state';
/**
 * One claim per community and day the roll-up ran for (`<communityId>|<day>`): the process whose
 * insert wins rolls the community up to that day, every other process leaves it alone.
 */
export const ROLLUP_CLAIMS = 'ops_rollup_claims';

/**
 * One metric on one day, unsuppressed: records counted, and the measure's sum, number of values,
 * smallest and largest (a `count` measure reads `c` alone). Stored, never answered as such.
 */
export interface DayFigure {
  /** `<pluginId>/<metricId>` */
  k: string;
  c: number;
  s: number;
  n: number;
  lo: number | null;
  hi: number | null;
  /**
   * A `median` measure's values that day: a median cannot be rebuilt from sums, and the
   * community's own dashboard answers the exact one (regions read the mean, as before).
   */
  v?: number[];
}

export interface RollupMonth {
  _id: string;
  communityId: string;
  month: string;
  /**
   * `DD` → the day's figures (metrics without records left out) as text from `encodeDay`; a
   * present key is rolled up. Text, because FerretDB v1 takes a quarter of a second to hand
   * back a month of nested documents and next to nothing for 31 strings.
   */
  days: Record<string, string>;
}

type DayTuple = [string, number, number, number, number | null, number | null, number[]?];

export function encodeDay(figures: DayFigure[]): string {
  return JSON.stringify(
    figures.map((f): DayTuple => {
      const t: DayTuple = [f.k, f.c, f.s, f.n, f.lo, f.hi];
      if (f.v) t.push(f.v);
      return t;
    }),
  );
}

export function decodeDay(text: string): DayFigure[] {
  return (JSON.parse(text) as DayTuple[]).map(([k, c, s, n, lo, hi, v]) =>
    v ? { k, c, s, n, lo, hi, v } : { k, c, s, n, lo, hi },
  );
}

export interface MetricHeadDoc extends MetricHead {
  /** A `median` is rolled up as sum and number of values: regions read it as their mean. */
  op: 'count' | 'sum' | 'avg' | 'median' | 'min' | 'max' | 'share';
}

/**
 * What a roll-up stores: 2 keeps a median's values. A state of another format is rolled up
 * again from scratch, as a community seen for the first time.
 */
export const ROLLUP_FORMAT = 2;

export interface RollupState {
  _id: string;
  format?: number;
  /** The last local day rolled up. */
  through: string;
  timeZone: string;
  /** JSON of `MetricHeadDoc[]` (text for the reason the days are). */
  heads: string;
  /**
   * The last `RECENT_DAYS` days as JSON of `{day: encodeDay(…)}`: the region views of 7, 30 and
   * 90 days (and the period before) read this one document per community instead of months.
   */
  recent: string;
  score: number;
  rolledAt: Date;
}

/** A state as the region view reads it. */
export type RollupStateView = Omit<RollupState, 'heads' | 'recent'> & { heads: MetricHeadDoc[] };

/** Days kept in the state's `recent` window: 90 days, the 90 before, and some to spare. */
export const RECENT_DAYS = 200;

export const months = (db: mongo.Db) => db.collection<RollupMonth>(ROLLUP_MONTHS);
export const states = (db: mongo.Db) => db.collection<RollupState>(ROLLUP_STATE);
export const claims = (db: mongo.Db) =>
  db.collection<{ _id: string; by: string; at: Date }>(ROLLUP_CLAIMS);

/** A process's hold on one piece of work, as stored in the claims collection. */
export type Lease = { _id: string; by: string; at: Date };

/**
 * Takes `id` for the process `by` by unique insert, or null when another process holds it. A
 * hold older than `staleMs` belongs to a process that died mid-work: it is cleared (only that
 * exact hold), so a later try can take it. Real time, not the data plane's clock: a lease
 * coordinates processes, not days.
 */
export async function tryLease(
  db: mongo.Db,
  id: string,
  by: string,
  staleMs: number,
): Promise<Lease | null> {
  const mine = { _id: id, by, at: new Date() };
  try {
    await claims(db).insertOne(mine);
    return mine;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  const held = await claims(db).findOne({ _id: id });
  if (held && Date.now() - held.at.getTime() > staleMs)
    await claims(db).deleteOne({ _id: id, by: held.by, at: held.at });
  return null;
}

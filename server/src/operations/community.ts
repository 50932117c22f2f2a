import { suppress, type AggregatePeriod } from '@scene/schema';
import type { CoverageDeps } from './coverage';
import type { Figure, MetricFigures } from './figures';
import { addDays, daysOf, type DashboardPeriod } from './period';
import { computeDays } from './rollups/compute';
import { readRollups, spanOf } from './rollups/read';
import { ROLLUP_FORMAT, states, type DayFigure, type MetricHeadDoc } from './rollups/store';
import { ROLLUP_LOOKBACK_DAYS, type RollupWriter } from './rollups/writer';

export type CommunityFiguresDeps = CoverageDeps & { rollups: RollupWriter };

/**
 * How long a community's live days (today, normally) serve before they are counted again: every
 * read of records scans its collection on the local database, so they are counted in the
 * background and an operator switching periods or reloading reads them from the process.
 */
const LIVE_TTL_MS = 60_000;
const LIVE_KEEP = 500;

interface LiveDays {
  at: number;
  /** `[from, to)`: the days after the last roll-up up to today, counted from the records. */
  from: string;
  to: string;
  days: Map<string, DayFigure[]>;
}

export interface CommunityFiguresAnswer {
  metrics: MetricFigures[];
  /**
   * Some days of the period (or the one before) are still being counted from the records
   * (today's, or days not rolled up yet): the figures leave them out until they are.
   */
  counting: boolean;
}

/**
 * A community's declared metrics over a dashboard period: the days before today from its daily
 * roll-ups, today (and any day not rolled up yet) from its records. The figures are those an
 * aggregate over the records answers: totals, the period before, days hidden below the
 * metric's smallest group, an exact median.
 *
 * Counting from records scans whole collections on the local database (minutes for a busy
 * community), so it runs in the background, once per community at a time: a dashboard waits for
 * it up to `waitMs` and otherwise answers with what is counted, saying so (`counting`).
 */
export class CommunityFigures {
  private readonly live = new Map<string, LiveDays>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly services: CommunityFiguresDeps,
    private readonly waitMs: number,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** `complete` (a report being frozen): waits for every day of the period to be counted. */
  async read(
    community: { id: string; name: string; published: boolean; timeZone: string },
    period: DashboardPeriod,
    opts: { complete?: boolean } = {},
  ): Promise<CommunityFiguresAnswer> {
    const db = this.services.dataPlane.connection.db!;
    const end = addDays(period.today, 1);
    const look = async () => {
      const [c] = await readRollups(db, [community], spanOf(period), period.today);
      const rolled = c!.state?.format === ROLLUP_FORMAT ? c! : null;
      const hit = this.live.get(community.id);
      const live = hit?.to === end ? hit : null;
      const through = rolled?.state!.through ?? '';
      const counted = (day: string) =>
        day <= through || (live !== null && day >= live.from && day < live.to);
      const missing = daysOf(period.previous.from, period.to).some((d) => !counted(d));
      return { rolled, live, through, missing };
    };
    let seen = await look();
    const needsToday = period.to > addDays(seen.through || period.previous.from, 1);
    const stale = !seen.live || Date.now() - seen.live.at > LIVE_TTL_MS;
    if (seen.missing || (needsToday && stale)) {
      const task = this.refresh(community.id, community.timeZone, period.today);
      if (seen.missing) {
        await (opts.complete ? task : Promise.race([task, delay(this.waitMs)]));
        seen = await look();
      }
    }
    const { heads } = await computeDays(this.services.dataPlane, community.id, end, end);
    const days = new Map<string, DayFigure[]>();
    if (seen.live) for (const [day, list] of seen.live.days) days.set(day, list);
    if (seen.rolled)
      for (const [day, list] of seen.rolled.days) if (day <= seen.through) days.set(day, list);
    return {
      metrics: heads.map((head) => figuresOf(head, days, period)),
      counting: seen.missing,
    };
  }

  /** Settles when no count is under way (tests). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all(this.running.values());
  }

  /**
   * Rolls the community up to yesterday when that is due (by claim: once across processes), then
   * counts the days after its last roll-up from the records. One at a time per community.
   */
  private refresh(communityId: string, timeZone: string, today: string): Promise<void> {
    const under = this.running.get(communityId);
    if (under) return under;
    const task = (async () => {
      const db = this.services.dataPlane.connection.db!;
      const yesterday = addDays(today, -1);
      const state = async () => {
        const s = await states(db).findOne(
          { _id: communityId },
          { projection: { through: 1, format: 1 } },
        );
        return s?.format === ROLLUP_FORMAT ? s : null;
      };
      let s = await state();
      if (!s || s.through < yesterday) {
        await this.services.rollups.run(communityId, timeZone);
        s = await state();
      }
      // Another process rolling the community up for the first time: count what it will write.
      const from = s ? addDays(s.through, 1) : addDays(today, -ROLLUP_LOOKBACK_DAYS);
      const to = addDays(today, 1);
      const { days } = await computeDays(this.services.dataPlane, communityId, from, to);
      if (this.live.size >= LIVE_KEEP) this.live.clear();
      this.live.set(communityId, { at: Date.now(), from, to, days });
    })()
      .catch(this.onError)
      .finally(() => this.running.delete(communityId));
    this.running.set(communityId, task);
    return task;
  }
}

const delay = (ms: number) =>
  new Promise<void>((r) => {
    setTimeout(r, ms).unref();
  });

type Agg = Omit<DayFigure, 'k'> & { v: number[] };

function over(days: Map<string, DayFigure[]>, key: string, from: string, to: string): Agg {
  const a: Agg = { c: 0, s: 0, n: 0, lo: null, hi: null, v: [] };
  for (let d = from; d < to; d = addDays(d, 1)) {
    const f = days.get(d)?.find((x) => x.k === key);
    if (!f) continue;
    a.c += f.c;
    a.s += f.s;
    a.n += f.n;
    if (f.lo !== null) a.lo = a.lo === null ? f.lo : Math.min(a.lo, f.lo);
    if (f.hi !== null) a.hi = a.hi === null ? f.hi : Math.max(a.hi, f.hi);
    if (f.v) a.v.push(...f.v);
  }
  return a;
}

/** The measure over some records, as the aggregate reducer gives it. */
function valueOf(op: MetricHeadDoc['op'], a: Agg): number | null {
  if (op === 'count') return a.c;
  if (op === 'sum') return a.s;
  if (a.n === 0) return null;
  // A share is the mean of 100 per matching record and 0 per other one (the reducer's rule).
  if (op === 'avg' || op === 'share') return a.s / a.n;
  if (op === 'min') return a.lo;
  if (op === 'max') return a.hi;
  const sorted = [...a.v].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function figuresOf(
  { op, ...head }: MetricHeadDoc,
  days: Map<string, DayFigure[]>,
  period: DashboardPeriod,
): MetricFigures {
  const combine = op === 'count' || op === 'sum' ? 'sum' : 'mean';
  const min = head.minGroupSize;
  const hidden = (a: Agg) => a.c > 0 && a.c < min;
  const total = over(days, head.key, period.from, period.to);
  const previous = over(days, head.key, period.previous.from, period.previous.to);
  const rows = daysOf(period.from, period.to)
    .map((day) => ({ day, a: over(days, head.key, day, addDays(day, 1)) }))
    .filter((r) => r.a.c > 0)
    .map((r) => ({ bucket: r.day, count: r.a.c, values: { v: valueOf(op, r.a) } }));
  // The days hidden as the aggregate hides its rows: below the smallest group, and enough more
  // that the total does not give them away.
  const answer: AggregatePeriod = {
    from: period.from,
    to: period.to,
    total: { count: total.c, values: {} },
    rows,
  };
  const shown = new Map<string, Figure>();
  for (const r of suppress(answer, min).rows ?? [])
    if (!r.suppressed) shown.set(r.bucket!, r.values.v ?? null);
  const counted = new Set(rows.map((r) => r.bucket));
  const figure = (a: Agg): Figure => (hidden(a) ? null : valueOf(op, a));
  return {
    ...head,
    combine,
    total: figure(total),
    previous: figure(previous),
    records: hidden(total) ? 0 : total.c,
    series: daysOf(period.from, period.to).map((day) => ({
      day,
      value: shown.has(day)
        ? shown.get(day)!
        : counted.has(day)
          ? null
          : combine === 'sum'
            ? 0
            : null,
    })),
  };
}

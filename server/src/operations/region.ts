import { suppress, type AggregatePeriod } from '@scene/schema';
import type { RegionMembers, RegionOverview } from '../control/regions/service';
import type { Figure, MetricFigures } from './figures';
import type { Evaluation } from './evaluation/score';
import { daysOf, type DashboardPeriod } from './period';
import type { DayFigure, MetricHeadDoc, RollupStateView } from './rollups/store';

type MetricHead = Omit<MetricFigures, 'total' | 'previous' | 'records' | 'series'>;

/** A region node's dashboard: each metric rolled up over its communities, and their ranking. */
export interface RegionDashboard {
  region: RegionOverview['region'];
  trail: RegionOverview['trail'];
  period: DashboardPeriod;
  communities: number;
  published: number;
  metrics: (MetricHead & {
    total: Figure;
    previous: Figure;
    series: { day: string; value: Figure }[];
    /** Communities whose figure was hidden (too few records) and so is not in the sum. */
    hidden: number;
  })[];
  /** Best community first (completeness score, then activity); figures only. */
  ranking: {
    id: string;
    name: string;
    published: boolean;
    score: number;
    figures: Record<string, Figure>;
  }[];
  /** 单项冠军: per metric with a direction, the community with the best figure. */
  leaders: { key: string; communityId: string; name: string; value: number }[];
  /** 动态运营评价: the communities scored on the weighted indicators. */
  evaluation: Evaluation;
}

/**
 * What a node's dashboard computes from its communities' roll-ups: ids, no names (see
 * `regionDashboardOf`), so it can be stored and read back as it was computed.
 */
export interface RegionFigures {
  metrics: RegionDashboard['metrics'];
  ranking: Omit<RegionDashboard['ranking'][number], 'name' | 'published'>[];
  leaders: Omit<RegionDashboard['leaders'][number], 'name'>[];
}

/** A community's roll-ups as the region view reads them: its state and figures by day. */
export interface RolledCommunity {
  id: string;
  state: RollupStateView | null;
  days: Map<string, DayFigure[]>;
}

type Agg = Omit<DayFigure, 'k'>;
const empty = (): Agg => ({ c: 0, s: 0, n: 0, lo: null, hi: null });
function merge(into: Agg, f: Agg): void {
  into.c += f.c;
  into.s += f.s;
  into.n += f.n;
  if (f.lo !== null) into.lo = into.lo === null ? f.lo : Math.min(into.lo, f.lo);
  if (f.hi !== null) into.hi = into.hi === null ? f.hi : Math.max(into.hi, f.hi);
}

const combineOf = (op: MetricHeadDoc['op']): 'sum' | 'mean' =>
  op === 'count' || op === 'sum' ? 'sum' : 'mean';

/** The measure's value over some records; no records read 0 for a sum and nothing for a mean. */
function valueOf(op: MetricHeadDoc['op'], a: Agg): number | null {
  if (op === 'count') return a.c;
  if (op === 'sum') return a.s;
  // A median cannot be rebuilt from daily sums; a region reads it as the mean (as figures.ts).
  if (op === 'avg' || op === 'median' || op === 'share') return a.n ? round(a.s / a.n) : null;
  return op === 'min' ? a.lo : a.hi;
}

/**
 * A community's figures by metric, then day: looked up per metric and day, where a scan of each
 * day's list made a province's build (1,300 communities × 180 days × every metric) take minutes.
 */
const indexed = new WeakMap<RolledCommunity, Map<string, Map<string, DayFigure>>>();
function byKey(c: RolledCommunity, key: string): Map<string, DayFigure> | undefined {
  let index = indexed.get(c);
  if (!index) {
    index = new Map();
    for (const [day, list] of c.days)
      for (const f of list) {
        let days = index.get(f.k);
        if (!days) index.set(f.k, (days = new Map()));
        if (!days.has(day)) days.set(day, f);
      }
    indexed.set(c, index);
  }
  return index.get(key);
}

function over(c: RolledCommunity, key: string, from: string, to: string): Agg {
  const acc = empty();
  for (const [day, f] of byKey(c, key) ?? []) if (day >= from && day < to) merge(acc, f);
  return acc;
}

/** A community's figure: hidden when it counts some records but fewer than the minimum. */
const visible = (a: Agg, min: number) => a.c === 0 || a.c >= min;

/**
 * The region's figures from its communities' daily roll-ups (never their records). A community
 * whose period figure is hidden stays out of the region's sums and is counted in `hidden`, so
 * the region total never gives a small group away by subtraction from the ranking; the region's
 * days are then hidden like an aggregate's rows (a day of fewer records than the minimum, and
 * enough others that the total does not give it away). Means are exact over the records
 * (sum over count of values), not means of means.
 */
export function regionFromRollups(
  period: DashboardPeriod,
  communities: RolledCommunity[],
): RegionFigures {
  const heads = new Map<string, MetricHeadDoc>();
  for (const c of communities)
    for (const h of c.state?.heads ?? []) if (!heads.has(h.key)) heads.set(h.key, h);
  const days = daysOf(period.from, period.to);
  const totals = new Map<string, Map<string, Agg>>();
  const metrics = [...heads.values()]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map(({ op, ...head }) => {
      const of = communities.filter((c) => c.state?.heads.some((h) => h.key === head.key));
      const min = head.minGroupSize;
      const current = new Map(of.map((c) => [c.id, over(c, head.key, period.from, period.to)]));
      totals.set(head.key, current);
      const shown = of.filter((c) => visible(current.get(c.id)!, min));
      const total = empty();
      for (const c of shown) merge(total, current.get(c.id)!);
      const previous = empty();
      for (const c of of) {
        const p = over(c, head.key, period.previous.from, period.previous.to);
        if (visible(p, min)) merge(previous, p);
      }
      const rows = days.map((day) => {
        const a = empty();
        for (const c of shown) {
          const f = byKey(c, head.key)?.get(day);
          if (f) merge(a, f);
        }
        return { bucket: day, count: a.c, values: { v: valueOf(op, a) } };
      });
      const answer: AggregatePeriod = {
        from: period.from,
        to: period.to,
        total: { count: total.c, values: {} },
        rows: rows.filter((r) => r.count > 0),
      };
      const hiddenDays = new Set(
        (suppress(answer, min).rows ?? []).filter((r) => r.suppressed).map((r) => r.bucket),
      );
      const combine = combineOf(op);
      return {
        ...head,
        combine,
        total: valueOf(op, total),
        previous: valueOf(op, previous),
        series: rows.map((r) => ({
          day: r.bucket,
          value: hiddenDays.has(r.bucket)
            ? null
            : r.count === 0
              ? combine === 'sum'
                ? 0
                : null
              : r.values.v,
        })),
        hidden: of.length - shown.length,
      };
    });
  const figureOf = (c: RolledCommunity, key: string): Figure => {
    const h = heads.get(key)!;
    const a = totals.get(key)?.get(c.id);
    if (!a) return null;
    return visible(a, h.minGroupSize) ? valueOf(h.op, a) : null;
  };
  const ranked = communities
    .map((c) => {
      const keys = (c.state?.heads ?? []).map((h) => h.key);
      const figures = Object.fromEntries(keys.map((k) => [k, figureOf(c, k)]));
      const activity = keys.reduce(
        (n, k) => n + (combineOf(heads.get(k)!.op) === 'sum' ? (figures[k] ?? 0) : 0),
        0,
      );
      return {
        id: c.id,
        score: c.state?.score ?? 0,
        figures,
        activity,
      };
    })
    .sort((a, b) => b.score - a.score || b.activity - a.activity || a.id.localeCompare(b.id));
  const leaders: RegionFigures['leaders'] = [];
  for (const head of heads.values()) {
    if (!head.better) continue;
    let best: { r: (typeof ranked)[number]; v: number } | null = null;
    let sharing = 0;
    for (const r of ranked) {
      const v = r.figures[head.key];
      if (v === null || v === undefined) continue;
      // Nobody used it (nothing counted over the period): its zeros are no lead.
      if (r.activity === 0) continue;
      if (!best || (head.better === 'lower' ? v < best.v : v > best.v)) {
        best = { r, v };
        sharing = 1;
      } else if (v === best.v) sharing++;
    }
    // A best of 0 where more is better (no event held anywhere) leads nothing; nor does a best
    // several communities share (no absences anywhere): a champion is one community.
    if (best && sharing === 1 && !(head.better === 'higher' && best.v <= 0))
      leaders.push({ key: head.key, communityId: best.r.id, value: best.v });
  }
  const ranking = ranked.map(({ activity: _a, ...r }) => r);
  return { metrics, ranking, leaders: leaders.sort((a, b) => a.key.localeCompare(b.key)) };
}

/**
 * The dashboard of a node from its figures and what the node is now: names and the published
 * flags are read with every answer (a rename shows at once, stored figures hold ids only).
 */
export function regionDashboardOf(
  members: RegionMembers,
  period: DashboardPeriod,
  figures: RegionFigures,
): Omit<RegionDashboard, 'evaluation'> {
  const byId = new Map(members.list.map((c) => [c.id, c] as const));
  const nameOf = (id: string) => byId.get(id)?.name ?? id;
  return {
    region: members.region,
    trail: members.trail,
    period,
    communities: members.communities,
    published: members.published,
    metrics: figures.metrics,
    ranking: figures.ranking.map((r) => ({
      id: r.id,
      name: nameOf(r.id),
      published: byId.get(r.id)?.published ?? false,
      score: r.score,
      figures: r.figures,
    })),
    leaders: figures.leaders.map((l) => ({
      key: l.key,
      communityId: l.communityId,
      name: nameOf(l.communityId),
      value: l.value,
    })),
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

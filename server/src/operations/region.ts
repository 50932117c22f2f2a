import type { RegionOverview } from '../control/regions/service';
import type { Figure, MetricFigures } from './figures';
import type { DashboardPeriod } from './period';

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
}

interface CommunityRow {
  id: string;
  name: string;
  published: boolean;
  score: number;
  metrics: MetricFigures[];
}

/**
 * Sums (or record-weighted means) of each metric over the communities. A community's hidden
 * figure stays out of the sum and is counted in `hidden`, so the region total never gives a
 * small group away by subtraction from the ranking.
 */
export function rollUp(
  overview: RegionOverview,
  period: DashboardPeriod,
  rows: CommunityRow[],
): RegionDashboard {
  const heads = new Map<string, MetricHead>();
  for (const r of rows)
    for (const { total: _t, previous: _p, records: _r, series: _s, ...head } of r.metrics)
      if (!heads.has(head.key)) heads.set(head.key, head);
  const metrics = [...heads.values()]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((head) => {
      const of = rows.flatMap((r) => r.metrics.filter((m) => m.key === head.key));
      const combine = (
        pick: (m: MetricFigures) => Figure,
        weight: (m: MetricFigures) => number,
      ) => {
        const seen = of.filter((m) => pick(m) !== null);
        if (!seen.length) return null;
        if (head.combine === 'sum') return seen.reduce((n, m) => n + pick(m)!, 0);
        const w = seen.reduce((n, m) => n + weight(m), 0);
        return w ? round(seen.reduce((n, m) => n + pick(m)! * weight(m), 0) / w) : null;
      };
      const series = (of[0]?.series ?? []).map(({ day }, i) => ({
        day,
        value: combine(
          (m) => m.series[i]?.value ?? null,
          () => 1,
        ),
      }));
      return {
        ...head,
        total: combine(
          (m) => m.total,
          (m) => m.records,
        ),
        previous: combine(
          (m) => m.previous,
          () => 1,
        ),
        series,
        hidden: of.filter((m) => m.total === null).length,
      };
    });
  const ranking = rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      published: r.published,
      score: r.score,
      figures: Object.fromEntries(r.metrics.map((m) => [m.key, m.total])),
      activity: r.metrics.reduce((n, m) => n + (m.combine === 'sum' ? (m.total ?? 0) : 0), 0),
    }))
    .sort((a, b) => b.score - a.score || b.activity - a.activity || a.id.localeCompare(b.id))
    .map(({ activity: _a, ...r }) => r);
  const leaders: RegionDashboard['leaders'] = [];
  for (const head of heads.values()) {
    let best: { r: CommunityRow; v: number } | null = null;
    for (const r of rows) {
      const v = r.metrics.find((m) => m.key === head.key)?.total;
      if (v === null || v === undefined) continue;
      if (!best || (head.better === 'lower' ? v < best.v : v > best.v)) best = { r, v };
    }
    if (best && head.better)
      leaders.push({ key: head.key, communityId: best.r.id, name: best.r.name, value: best.v });
  }
  return {
    region: overview.region,
    trail: overview.trail,
    period,
    communities: overview.communities,
    published: overview.published,
    metrics,
    ranking,
    leaders: leaders.sort((a, b) => a.key.localeCompare(b.key)),
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

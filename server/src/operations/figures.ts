import {
  DEFAULT_MIN_GROUP_SIZE,
  type AggregateAnswer,
  type LocalizedText,
  type MetricDef,
  type QueryDef,
  type Scene,
} from '@scene/schema';
import { runAggregate } from '../data/aggregates/service';
import { collectionDef, loadContext } from '../data/records/context';
import type { DataPlaneDeps, InstalledPlugin } from '../data/records/types';
import { daysOf, type DashboardPeriod } from './period';

/**
 * `null`: hidden because it counts fewer records than the metric's `minGroupSize` (but some); a
 * period or day with no records at all reads 0, so a screen never shows a real zero as hidden.
 */
export type Figure = number | null;

/** How a declared metric is named and drawn: the same on dashboards and in roll-ups. */
export interface MetricHead {
  /** `<pluginId>/<metricId>`: the same metric across communities. */
  key: string;
  pluginId: string;
  pluginName: LocalizedText;
  metricId: string;
  scene: Scene;
  label: LocalizedText;
  unit: LocalizedText | null;
  chart: 'line' | 'bar' | 'pie';
  better: 'higher' | 'lower' | null;
  /** The smallest group shown: a hidden figure reads "fewer than this". */
  minGroupSize: number;
}

export function metricHead(plugin: InstalledPlugin, metric: MetricDef, q: QueryDef): MetricHead {
  return {
    key: `${plugin.pluginId}/${metric.id}`,
    pluginId: plugin.pluginId,
    pluginName: plugin.manifest.name,
    metricId: metric.id,
    scene: metric.scene ?? plugin.manifest.scene,
    label: metric.label,
    unit: metric.unit ?? null,
    chart: metric.chart ?? 'line',
    better: metric.better ?? null,
    minGroupSize: q.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE,
  };
}

/** One declared metric over a dashboard period: figures only, never a record. */
export interface MetricFigures extends MetricHead {
  /** `sum`: totals add up across communities; `mean`: an average, weighted by its records. */
  combine: 'sum' | 'mean';
  total: Figure;
  previous: Figure;
  /** Records behind `total` (weights a mean when rolled up); 0 when hidden. */
  records: number;
  /** One value per day of the period; a day nobody recorded in reads 0 (a mean reads null). */
  series: { day: string; value: Figure }[];
}

/** Every declared metric of the community's enabled plugins over the period. */
export async function communityFigures(
  deps: DataPlaneDeps,
  communityId: string,
  period: DashboardPeriod,
): Promise<MetricFigures[]> {
  const plugins = (await deps.installed.list(communityId)).filter(
    (p) => p.status === 'enabled' && p.manifest.metrics?.length,
  );
  const out: MetricFigures[] = [];
  for (const plugin of plugins.sort((a, b) => a.pluginId.localeCompare(b.pluginId)))
    for (const metric of plugin.manifest.metrics ?? [])
      out.push(await oneMetric(deps, plugin, metric, period));
  return out;
}

async function oneMetric(
  deps: DataPlaneDeps,
  plugin: InstalledPlugin,
  metric: MetricDef,
  period: DashboardPeriod,
): Promise<MetricFigures> {
  // No caller: the dashboard reads community-wide figures for whoever the route let in (an
  // operator, an admin or a supervisor above the community), as the metrics route does.
  const ctx = await loadContext(deps, plugin.communityId, plugin.pluginId, null, 'read');
  const q = ctx.manifest.queries[metric.query]!;
  const answer: AggregateAnswer = await runAggregate(
    ctx,
    q,
    collectionDef(ctx, q.collection),
    { from: period.from, to: period.to, compare: 'previous' },
    { everyRecord: true },
  );
  const op = q.measures?.find((m) => m.id === metric.measure)?.op ?? 'count';
  // A median over several communities is read as their record-weighted mean: close enough for a
  // region's overview, and no community has to hand over its single values.
  const combine = op === 'count' || op === 'sum' ? 'sum' : 'mean';
  const valueOf = (f: AggregateAnswer['total'] | undefined): Figure =>
    !f || f.suppressed ? null : (f.values[metric.measure] ?? (combine === 'sum' ? 0 : null));
  const byDay = new Map<string, Figure>();
  for (const row of answer.rows ?? [])
    if (row.bucket)
      byDay.set(row.bucket, row.suppressed ? null : (row.values[metric.measure] ?? null));
  return {
    ...metricHead(plugin, metric, q),
    combine,
    total: valueOf(answer.total),
    previous: valueOf(answer.previous?.total),
    records: answer.total.suppressed ? 0 : answer.total.count,
    series: daysOf(period.from, period.to).map((day) => ({
      day,
      value: byDay.has(day) ? byDay.get(day)! : combine === 'sum' ? 0 : null,
    })),
  };
}

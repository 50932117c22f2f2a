import type { AggregateAnswer, MetricDef } from '@scene/schema';
import { runAggregate } from '../data/aggregates/service';
import { collectionDef, loadContext } from '../data/records/context';
import type { DataPlaneDeps, InstalledPlugin } from '../data/records/types';
import { metricHead, type Figure, type MetricFigures } from '../operations/figures';
import { daysOf, type DashboardPeriod } from '../operations/period';

// The community dashboard's figures counted straight from the records, one aggregate per metric
// (as the dashboard did before it read roll-ups): what tests and the bench hold it against.

/** Every declared metric of the community's enabled plugins over the period. */
export async function figuresFromRecords(
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

import {
  fieldValue,
  fromLocal,
  measureFields,
  measureValue,
  parseDate,
  ZoneClock,
  type QueryDef,
} from '@scene/schema';
import { prefilter } from '../../data/aggregates/prefilter';
import { collectionDef, loadContext, recordsOf } from '../../data/records/context';
import { allOf, compileFilter } from '../../data/records/filter';
import type { DataPlaneDeps } from '../../data/records/types';
import { metricHead } from '../figures';
import type { DayFigure, MetricHeadDoc } from './store';

export interface ComputedDays {
  heads: MetricHeadDoc[];
  /** Local day → the day's figures of every metric with records that day. */
  days: Map<string, DayFigure[]>;
}

/**
 * Every declared metric of the community's enabled plugins, per local day of `[from, to)`
 * (days of the query's range field, the way the metric's daily buckets count), without
 * suppression: roll-ups are stored figures that only the dashboards read, and they hide small
 * groups when they answer. One cursor per query, however many days and metrics share it.
 */
export async function computeDays(
  deps: DataPlaneDeps,
  communityId: string,
  from: string,
  to: string,
): Promise<ComputedDays> {
  const plugins = (await deps.installed.list(communityId))
    .filter((p) => p.status === 'enabled' && p.manifest.metrics?.length)
    .sort((a, b) => a.pluginId.localeCompare(b.pluginId));
  const heads: MetricHeadDoc[] = [];
  const days = new Map<string, DayFigure[]>();
  for (const plugin of plugins) {
    const ctx = await loadContext(deps, communityId, plugin.pluginId, null, 'read');
    const clock = new ZoneClock(ctx.timeZone);
    const byQuery = new Map<string, NonNullable<typeof plugin.manifest.metrics>>();
    for (const m of plugin.manifest.metrics ?? [])
      byQuery.set(m.query, [...(byQuery.get(m.query) ?? []), m]);
    // Headings in the manifest's order (the dashboard's), scans one per query.
    const headOf = new Map<string, MetricHeadDoc>();
    for (const metric of plugin.manifest.metrics ?? []) {
      const q = ctx.manifest.queries[metric.query]!;
      const head: MetricHeadDoc = {
        ...metricHead(plugin, metric, q),
        op: q.measures?.find((x) => x.id === metric.measure)?.op ?? 'count',
      };
      headOf.set(metric.id, head);
      heads.push(head);
    }
    for (const [queryId, metrics] of byQuery) {
      const q = ctx.manifest.queries[queryId]!;
      const metricsOf = metrics.map((metric) => {
        const measure = q.measures?.find((x) => x.id === metric.measure);
        const head = headOf.get(metric.id)!;
        return { head, measure: measure?.op === 'count' ? undefined : measure };
      });
      await scan(ctx, q, from, to, (day, doc) => {
        let list = days.get(day);
        if (!list) days.set(day, (list = []));
        for (const { head, measure } of metricsOf) {
          let f = list.find((x) => x.k === head.key);
          if (!f) list.push((f = { k: head.key, c: 0, s: 0, n: 0, lo: null, hi: null }));
          f.c++;
          if (measure === undefined || (measure.field === undefined && measure.op !== 'share'))
            continue;
          const v = measureValue(measure, doc, clock);
          if (v === undefined) continue;
          f.s += v;
          f.n++;
          f.lo = f.lo === null ? v : Math.min(f.lo, v);
          f.hi = f.hi === null ? v : Math.max(f.hi, v);
          if (measure.op === 'median') (f.v ??= []).push(v);
        }
      });
    }
  }
  return { heads, days };
}

async function scan(
  ctx: Awaited<ReturnType<typeof loadContext>>,
  q: QueryDef,
  from: string,
  to: string,
  add: (day: string, doc: Record<string, unknown>) => void,
): Promise<void> {
  // An empty range (a dashboard whose days are all rolled up) reads nothing: every find scans.
  if (from >= to) return;
  const field = q.range!.field;
  const period = {
    from: fromLocal(parseDate(from)!, ctx.timeZone),
    to: fromLocal(parseDate(to)!, ctx.timeZone),
  };
  const narrow = prefilter(collectionDef(ctx, q.collection), field, [period], ctx.timeZone);
  const filter = compileFilter(allOf(q.where, narrow), {
    communityId: ctx.communityId,
    vars: ctx.vars,
  });
  const projection: Record<string, 1> = { [field]: 1 };
  for (const m of q.measures ?? []) for (const f of measureFields(m)) projection[f] = 1;
  const clock = new ZoneClock(ctx.timeZone);
  for await (const doc of recordsOf(ctx, q.collection).find(filter, {
    projection,
    batchSize: 2000,
  })) {
    const day = clock.bucket(fieldValue(doc, field), 'day');
    if (day !== undefined && day >= from && day < to) add(day, doc);
  }
}

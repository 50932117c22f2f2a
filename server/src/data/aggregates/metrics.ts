import type { AggregateAnswer } from '@scene/schema';
import type { CommunityActor } from '../../control/auth/actor';
import { notFound } from '../../http/errors';
import { collectionDef, loadContext } from '../records/context';
import type { DataPlaneDeps } from '../records/types';
import { runAggregate } from './service';

/**
 * A plugin's declared metric for the operations dashboard. Operators read it whatever the
 * query's roles say: declaring a metric is the vendor saying the figure is for operations, and
 * it is community-wide with small groups suppressed, never rows.
 */
export async function metricFigures(
  deps: DataPlaneDeps,
  req: {
    communityId: string;
    pluginId: string;
    metric: string;
    caller: CommunityActor;
    query: Record<string, unknown>;
  },
): Promise<AggregateAnswer> {
  const ctx = await loadContext(deps, req.communityId, req.pluginId, req.caller, 'read');
  const metric = (ctx.manifest.metrics ?? []).find((m) => m.id === req.metric);
  const q =
    metric && Object.hasOwn(ctx.manifest.queries, metric.query)
      ? ctx.manifest.queries[metric.query]
      : undefined;
  if (!metric || !q) throw notFound(`No metric "${req.metric}" in this plugin.`);
  return runAggregate(ctx, q, collectionDef(ctx, q.collection), req.query, { everyRecord: true });
}

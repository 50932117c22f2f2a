// Semantic checks of the declared operations metrics.
import { issue } from '../../errors/messages';
import { has } from './context';
import type { Ctx } from './context';

/**
 * Each metric names an aggregate query of this plugin that the operations dashboard can draw
 * over time for any community: with a day / week / month bucket, community-wide (so operators
 * see it without reading residents' records), and one of its measures.
 */
export function checkMetrics(ctx: Ctx): void {
  const ids = new Set<string>();
  (ctx.m.metrics ?? []).forEach((metric, i) => {
    const ptr = `/metrics/${i}`;
    if (ids.has(metric.id))
      ctx.out.push(
        issue(
          `${ptr}/id`,
          'metric.duplicate',
          `指标 “${metric.id}” 重复。`,
          `Metric "${metric.id}" is declared twice.`,
        ),
      );
    ids.add(metric.id);
    if (!has(ctx.m.queries, metric.query)) {
      ctx.out.push(
        issue(
          `${ptr}/query`,
          'ref.query',
          `查询 “${metric.query}” 未在 queries 中声明。`,
          `Query "${metric.query}" is not declared in queries.`,
        ),
      );
      return;
    }
    const q = ctx.m.queries[metric.query]!;
    if (q.kind !== 'aggregate' || !q.bucket || q.scope !== 'community') {
      ctx.out.push(
        issue(
          `${ptr}/query`,
          'metric.query',
          `指标的查询须是 kind: "aggregate"，带按日/周/月的 bucket，且 scope: "community"（“${metric.query}” 不满足）。`,
          `A metric's query must be kind: "aggregate" with a day/week/month bucket and scope: "community" ("${metric.query}" is not).`,
        ),
      );
      return;
    }
    const measures = (q.measures ?? []).map((m) => m.id);
    if (!measures.includes(metric.measure))
      ctx.out.push(
        issue(
          `${ptr}/measure`,
          'ref.measure',
          `查询 “${metric.query}” 没有度量 “${metric.measure}”。已有：${measures.join(', ')}。`,
          `Query "${metric.query}" has no measure "${metric.measure}". It has: ${measures.join(', ')}.`,
        ),
      );
  });
}

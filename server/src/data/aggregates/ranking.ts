import {
  aggregatePeriod,
  AggregateReducer,
  DEFAULT_MIN_GROUP_SIZE,
  type AggregateAnswer,
  type AggregateRow,
  type CollectionDef,
  type QueryDef,
} from '@scene/schema';
import { badRequest } from '../../http/errors';
import { collectionDef, recordsOf, type PluginContext } from '../records/context';
import { allOf, compileFilter } from '../records/filter';
import { auditDisclosure, present } from '../privacy/clear';
import { prefilter } from './prefilter';
import { projection } from './service';

/**
 * An aggregate with `rank`: the figures per person, highest first by the first measure, over
 * the people whose opt-in record says so — a leaderboard. People who did not opt in (or opted
 * out since) are never in the rows, whatever they did; the rows name people by their opt-in
 * record's `name`, masked or in clear as that collection's privacy lets the reader see, never
 * by id. The total is the community's figure (everyone's), hidden below the minimum group size.
 */
export async function runRanking(
  ctx: PluginContext,
  q: QueryDef,
  def: CollectionDef,
  name: string,
  params: Record<string, unknown>,
): Promise<AggregateAnswer> {
  const rank = q.rank!;
  for (const [k, v] of Object.entries(params)) {
    if (k !== 'from' && k !== 'to')
      throw badRequest('A ranking takes only from and to.', { code: 'filter_not_allowed' });
    if (typeof v !== 'string') throw badRequest(`Give "${k}" once, as text.`);
  }
  const range = aggregatePeriod(q, params, ctx.now, ctx.timeZone);
  if (!range.ok) throw badRequest(range.message, { code: range.code });
  const narrow = prefilter(def, q.range!.field, [range.period], ctx.timeZone);
  const filter = compileFilter(allOf(q.where, narrow), {
    communityId: ctx.communityId,
    vars: ctx.vars,
  });
  const byPerson: QueryDef = { ...q, groupBy: rank.person, bucket: undefined };
  const reducer = new AggregateReducer(byPerson, ctx.timeZone, [range.period]);
  const cursor = recordsOf(ctx, q.collection).find(filter, {
    projection: { ...projection(byPerson), [rank.person]: 1 },
    batchSize: 2000,
  });
  for await (const doc of cursor) reducer.add(doc);
  const [period] = reducer.result();
  const people = (period!.rows ?? []).filter(
    (r): r is AggregateRow & { count: number; values: Record<string, number | null> } =>
      !r.suppressed && typeof r.key?.[rank.person] === 'string',
  );

  // Who opted in, read from their own records (one per person).
  const optDef = collectionDef(ctx, rank.optIn.collection);
  const optIns = await recordsOf(ctx, rank.optIn.collection)
    .find(
      compileFilter(
        {
          all: [
            { field: 'createdBy', op: 'in', value: people.map((r) => String(r.key![rank.person])) },
            { field: rank.optIn.field, op: 'eq', value: true },
          ],
        },
        { communityId: ctx.communityId, vars: ctx.vars },
      ),
    )
    .toArray();
  const first = q.measures![0]!.id;
  const ranked = people
    .filter((r) => optIns.some((o) => o.createdBy === r.key![rank.person]))
    .sort((a, b) => (b.values[first] ?? 0) - (a.values[first] ?? 0) || b.count - a.count)
    .slice(0, rank.top);
  const shown = ranked.map((r) => optIns.find((o) => o.createdBy === r.key![rank.person])!);
  const { views, disclosed } = present(ctx, optDef, shown, [rank.name]);
  await auditDisclosure(ctx, rank.optIn.collection, { type: 'query', name }, disclosed);

  const min = q.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  const total = period!.total;
  return {
    kind: 'aggregate',
    from: period!.from,
    to: period!.to,
    total: !total.suppressed && total.count > 0 && total.count < min ? { suppressed: true } : total,
    rows: ranked.map((r, i) => ({
      key: { [rank.name]: views[i]![rank.name] ?? null },
      count: r.count,
      values: r.values,
    })),
  };
}

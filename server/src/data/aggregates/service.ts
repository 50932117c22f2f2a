import {
  aggregatePeriod,
  AggregateReducer,
  DEFAULT_MIN_GROUP_SIZE,
  measureFields,
  type AggregateAnswer,
  type CollectionDef,
  type Filter,
  type QueryDef,
} from '@scene/schema';
import { badRequest, HttpError } from '../../http/errors';
import { recordsOf, type PluginContext } from '../records/context';
import { allOf, compileFilter, type MongoFilter } from '../records/filter';
import { readableFilter } from '../records/read';
import { checkParamNames, clientFilters } from '../queries/params';
import { prefilter } from './prefilter';

const PERIOD_PARAMS = ['from', 'to', 'compare'] as const;
/** A `subject` aggregate's person: the caller unless `for` names someone they act for. */
const FOR_PARAM = 'for';

/**
 * `kind: "aggregate"`: the query's measures over `[from, to)` (and the period before it with
 * `compare=previous`), by group and bucket in the community's time zone.
 *
 * One pass over a projected cursor of the community's matching records, reduced in the process:
 * FerretDB v1 has only `$sum`/`$count` accumulators and no time-zone date operators, so a
 * `$group` pipeline could not give the same figures on FerretDB and MongoDB.
 *
 * `readable` scope reads what the caller may read (access rules and client filters apply).
 * `community` scope reads every record of the community the query's `where` selects, for the
 * query's roles (checked by the caller of this function), and suppresses small groups.
 */
export async function runAggregate(
  ctx: PluginContext,
  q: QueryDef,
  def: CollectionDef,
  params: Record<string, unknown>,
  opts: { everyRecord?: boolean } = {},
): Promise<AggregateAnswer> {
  const community = q.scope === 'community' || opts.everyRecord === true;
  const rest = Object.fromEntries(
    Object.entries(params).filter(
      ([k]) => !(PERIOD_PARAMS as readonly string[]).includes(k) && k !== FOR_PARAM,
    ),
  );
  const subject = subjectFilter(ctx, q, params[FOR_PARAM]);
  checkParamNames(rest);
  for (const k of PERIOD_PARAMS)
    if (params[k] !== undefined && typeof params[k] !== 'string')
      throw badRequest(`Give "${k}" once, as text.`);
  if (community && Object.keys(rest).length > 0)
    throw badRequest('A community-wide figure takes no filters or paging.', {
      code: 'filter_not_allowed',
    });
  const range = aggregatePeriod(q, params, ctx.now, ctx.timeZone);
  if (!range.ok) throw badRequest(range.message, { code: range.code });
  const periods = range.previous ? [range.period, range.previous] : [range.period];
  const narrow: Filter | undefined = prefilter(def, q.range!.field, periods, ctx.timeZone);
  const filter: MongoFilter = community
    ? compileFilter(allOf(q.where, narrow), { communityId: ctx.communityId, vars: ctx.vars })
    : readableFilter(ctx, def, allOf(q.where, narrow, subject, ...clientFilters(q, def, rest)));

  const reducer = new AggregateReducer(q, ctx.timeZone, periods);
  const cursor = recordsOf(ctx, q.collection).find(filter, {
    projection: projection(q),
    batchSize: 2000,
  });
  for await (const doc of cursor) reducer.add(doc);
  const min = community ? (q.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE) : undefined;
  const [current, previous] = reducer.result(min);
  return { kind: 'aggregate', ...current!, ...(previous ? { previous } : {}) };
}

/**
 * A `subject` aggregate is one person's figures: the caller's own, or (`for=<account id>`) those
 * of a family member who allowed the caller to act for them on a live link. Anyone else is
 * refused, whatever the collection lets the caller read (a doctor's chart is still their own).
 */
function subjectFilter(ctx: PluginContext, q: QueryDef, wanted: unknown): Filter | undefined {
  if (!q.subject) {
    if (wanted !== undefined) throw badRequest('Unknown parameter "for".');
    return undefined;
  }
  if (wanted !== undefined && typeof wanted !== 'string')
    throw badRequest('Give "for" once, as an account id.');
  const self = ctx.caller?.accountId;
  const person = wanted ?? self;
  const allowed = ctx.vars['user.actsFor'];
  if (
    !self ||
    !person ||
    (person !== self && !(Array.isArray(allowed) && (allowed as unknown[]).includes(person)))
  )
    throw new HttpError(
      403,
      'not_allowed_to_act',
      'That person has not allowed you to see their figures.',
      {
        code: 'not_allowed_to_act',
        message: {
          'zh-CN': '对方没有授权您查看（或已取消授权）。',
          en: 'That person has not allowed you to see this (or no longer does).',
        },
      },
    );
  return { field: q.subject, op: 'eq', value: person };
}

/** Only the fields the figures read leave the database. */
export function projection(q: QueryDef): Record<string, 1> {
  const fields = new Set<string>([q.range!.field]);
  if (q.bucket) fields.add(q.bucket.field);
  for (const g of typeof q.groupBy === 'string' ? [q.groupBy] : (q.groupBy ?? [])) fields.add(g);
  for (const m of q.measures ?? []) for (const f of measureFields(m)) fields.add(f);
  return Object.fromEntries([...fields].map((f) => [f, 1]));
}

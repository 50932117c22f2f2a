// Semantic checks of aggregate queries and of the figures drawn from them (`stat`, `chart`).
import { issue } from '../../errors/messages';
import type { VendorSchema } from '../../subset/types';
import type { AggregateMeasure } from '../parts/aggregates';
import type { CollectionDef, QueryDef, ViewNode } from '../types';
import { checkFilter, checkRecordField, has, recordField } from './context';
import type { Ctx } from './context';
import { checkRank } from './rank';

const AGGREGATE_ONLY = [
  'measures',
  'bucket',
  'range',
  'scope',
  'minGroupSize',
  'subject',
  'rank',
] as const;
/** Fields whose values name a person: never a group key of a community-wide figure. */
const IDENTITY_FIELDS = new Set(['_id', 'createdBy']);

/** A date a range or bucket can use: a system timestamp or a `date` / `date-time` string field. */
export function isDateField(c: CollectionDef, path: string): boolean {
  if (path === 'createdAt' || path === 'updatedAt') return true;
  const s = recordField(c, path);
  return (
    typeof s === 'object' &&
    s.type === 'string' &&
    (s.format === 'date' || s.format === 'date-time')
  );
}

function isNumberField(c: CollectionDef, path: string): boolean {
  const s = recordField(c, path);
  if (s === 'system')
    return path === 'schemaVersion' || (c.counters !== undefined && has(c.counters, path));
  return s?.type === 'number' || s?.type === 'integer';
}

const schemaOf = (c: CollectionDef, path: string): VendorSchema | undefined => {
  const s = recordField(c, path);
  return typeof s === 'object' ? s : undefined;
};

/** Every aggregate query: its measures, range, bucket, scope and what they may touch. */
export function checkAggregates(ctx: Ctx): void {
  for (const [name, q] of Object.entries(ctx.m.queries)) {
    const ptr = `/queries/${name}`;
    if (q.kind !== 'aggregate') {
      for (const key of AGGREGATE_ONLY)
        if (q[key] !== undefined)
          ctx.out.push(
            issue(
              `${ptr}/${key}`,
              'query.aggregateOnly',
              `“${key}” 只适用于 aggregate 查询。`,
              `"${key}" only applies to aggregate queries.`,
            ),
          );
      continue;
    }
    const c = has(ctx.m.collections, q.collection) ? ctx.m.collections[q.collection] : undefined;
    if (!c) continue; // reported by checkQueries
    checkAggregate(ctx, q, c, ptr);
  }
}

function checkAggregate(ctx: Ctx, q: QueryDef, c: CollectionDef, ptr: string): void {
  const community = q.scope === 'community';
  if (!q.measures)
    ctx.out.push(
      issue(
        ptr,
        'aggregate.measures',
        'aggregate 查询必须写 measures（如 {"id": "n", "op": "count"}）。',
        'An aggregate query needs measures (like {"id": "n", "op": "count"}).',
      ),
    );
  const ids = new Set<string>();
  (q.measures ?? []).forEach((m, i) => {
    const at = `${ptr}/measures/${i}`;
    if (ids.has(m.id))
      ctx.out.push(
        issue(
          `${at}/id`,
          'aggregate.measureId',
          `度量 “${m.id}” 重复。`,
          `Measure "${m.id}" is declared twice.`,
        ),
      );
    ids.add(m.id);
    if (m.op === 'count' && m.field !== undefined)
      ctx.out.push(
        issue(
          `${at}/field`,
          'aggregate.countField',
          'count 统计记录条数，不需要 field。',
          'count counts records; it takes no field.',
        ),
      );
    if (m.op === 'share' || m.where !== undefined) checkShare(ctx, c, q.collection, m, at);
    else if (m.op !== 'count' && m.field === undefined)
      ctx.out.push(
        issue(
          at,
          'aggregate.measureField',
          `“${m.op}” 需要一个数字字段（field）。`,
          `"${m.op}" needs a number field (field).`,
        ),
      );
    if (m.since !== undefined)
      for (const [key, where] of [
        [m.field, 'field'],
        [m.since, 'since'],
      ] as const)
        if (key !== undefined && !isDateField(c, key))
          ctx.out.push(
            issue(
              `${at}/${where}`,
              'aggregate.dateField',
              `有 since 时，“${key}” 须为日期字段（createdAt、updatedAt 或 format 为 date / date-time）：度量是两者之间的时长。`,
              `With since, "${key}" must be a date field (createdAt, updatedAt, or format date / date-time): the measure is the time between the two.`,
            ),
          );
    if (
      m.op !== 'count' &&
      m.field !== undefined &&
      m.since === undefined &&
      !isNumberField(c, m.field)
    )
      ctx.out.push(
        issue(
          `${at}/field`,
          'aggregate.measureField',
          `“${m.field}” 不是集合 “${q.collection}” 中的数字字段（integer 或 number）。`,
          `"${m.field}" is not a number field (integer or number) of collection "${q.collection}".`,
        ),
      );
    // A subject's figures are one person's, read by them or by family they allowed to act for
    // them: their own personal numbers, like the record they may read in clear.
    if (m.field !== undefined && schemaOf(c, m.field)?.['x-pii'] && !community && !q.subject)
      ctx.out.push(
        issue(
          `${at}/field`,
          'aggregate.piiMeasure',
          `“${m.field}” 是个人信息字段：只能在 scope: "community"（按最小人数隐藏小组）或按本人（subject）汇总。`,
          `"${m.field}" is personal data: aggregate it only with scope: "community" (small groups suppressed) or per person (subject).`,
        ),
      );
  });
  if (!q.range)
    ctx.out.push(
      issue(
        ptr,
        'aggregate.range',
        'aggregate 查询必须写 range（日期字段与最长天数 maxDays）。',
        'An aggregate query needs a range (a date field and maxDays).',
      ),
    );
  for (const [key, at] of [
    [q.range?.field, `${ptr}/range/field`],
    [q.bucket?.field, `${ptr}/bucket/field`],
  ] as const)
    if (key !== undefined && !isDateField(c, key))
      ctx.out.push(
        issue(
          at,
          'aggregate.dateField',
          `“${key}” 不是日期字段：可用 createdAt、updatedAt，或 format 为 date / date-time 的字符串字段。`,
          `"${key}" is not a date field: use createdAt, updatedAt, or a string field with format date or date-time.`,
        ),
      );
  const groups = typeof q.groupBy === 'string' ? [q.groupBy] : (q.groupBy ?? []);
  groups.forEach((g, i) => {
    const at = typeof q.groupBy === 'string' ? `${ptr}/groupBy` : `${ptr}/groupBy/${i}`;
    const s = schemaOf(c, g);
    if (s?.['x-pii'])
      ctx.out.push(
        issue(
          at,
          'aggregate.piiGroup',
          `不能按个人信息字段 “${g}” 分组：分组值会原样显示。`,
          `Cannot group by personal-data field "${g}": group values are shown as they are.`,
        ),
      );
    if (community && (IDENTITY_FIELDS.has(g) || s?.['x-ref'] === 'user'))
      ctx.out.push(
        issue(
          at,
          'aggregate.personGroup',
          `社区范围的统计不能按人（“${g}”）分组。`,
          `A community-wide figure cannot be grouped by person ("${g}").`,
        ),
      );
  });
  if (community && !q.roles)
    ctx.out.push(
      issue(
        `${ptr}/scope`,
        'aggregate.communityRoles',
        'scope: "community" 的查询必须写 roles：谁可以看到全社区的数字。',
        'A scope: "community" query needs roles: who may see the community-wide figures.',
      ),
    );
  if (community && q.filterable)
    ctx.out.push(
      issue(
        `${ptr}/filterable`,
        'aggregate.communityFilter',
        '社区范围的统计不接受客户端筛选：相减可以推出被隐藏的小组。',
        'A community-wide figure takes no client filters: subtracting answers would reveal suppressed groups.',
      ),
    );
  if (q.subject !== undefined) checkSubject(ctx, q, c, ptr);
  if (q.rank !== undefined) checkRank(ctx, q, c, ptr);
  if (!community && q.minGroupSize !== undefined)
    ctx.out.push(
      issue(
        `${ptr}/minGroupSize`,
        'aggregate.minGroupSize',
        'minGroupSize 只在 scope: "community" 时生效。',
        'minGroupSize only applies with scope: "community".',
        'warning',
      ),
    );
}

/** `subject`: a person field of a readable aggregate (whose figures are one person's). */
function checkSubject(ctx: Ctx, q: QueryDef, c: CollectionDef, ptr: string): void {
  const at = `${ptr}/subject`;
  if (q.scope === 'community')
    ctx.out.push(
      issue(
        at,
        'aggregate.subjectScope',
        'subject（本人的数字）不能与 scope: "community" 同用。',
        'subject (one person\'s figures) cannot go with scope: "community".',
      ),
    );
  const s = schemaOf(c, q.subject!);
  if (q.subject !== 'createdBy' && !(s?.type === 'string' && s['x-ref'] === 'user'))
    ctx.out.push(
      issue(
        at,
        'aggregate.subjectField',
        `“${q.subject}” 须是 createdBy 或集合中 x-ref 为 "user" 的字符串字段（记录所属的人）。`,
        `"${q.subject}" must be createdBy or a string field with x-ref "user" (whose record it is).`,
      ),
    );
}

/**
 * `share`: the percentage of the records counted that match `where` — a filter over the
 * record's fields, no number field; `where` belongs to `share` alone.
 */
function checkShare(
  ctx: Ctx,
  c: CollectionDef,
  cname: string,
  m: AggregateMeasure,
  at: string,
): void {
  if (m.op !== 'share' || m.where === undefined || m.field !== undefined || m.since !== undefined)
    ctx.out.push(
      issue(
        at,
        'aggregate.share',
        'share 用 where（记录须满足的条件）计算占比，不写 field 和 since；where 只用于 share。',
        'share takes where (the condition a record must meet) and no field or since; where belongs to share only.',
      ),
    );
  if (m.where)
    checkFilter(ctx, m.where, `${at}/where`, (path, p) => checkRecordField(ctx, c, cname, path, p));
}

/** The measures of a query, when it is an aggregate; undefined otherwise. */
function measuresOf(ctx: Ctx, query: unknown): string[] | undefined {
  if (typeof query !== 'string' || !has(ctx.m.queries, query)) return undefined;
  const q = ctx.m.queries[query]!;
  return q.kind === 'aggregate' ? (q.measures ?? []).map((m) => m.id) : undefined;
}

/** `stat` and `chart` over a query: the props that need an aggregate, and the measure they name. */
export function checkFigureNode(ctx: Ctx, node: ViewNode, ptr: string): void {
  if (node.type !== 'stat' && node.type !== 'chart') return;
  const props = node.props ?? {};
  if (typeof props.query !== 'string' || !has(ctx.m.queries, props.query)) return;
  const kind = ctx.m.queries[props.query]!.kind;
  const measures = measuresOf(ctx, props.query);
  // A stat over a capacity query shows the places left of its first key (a query narrowed to
  // one key: the caller's subsidised meals this month).
  const wanted = node.type === 'stat' ? ['count', 'aggregate', 'capacity'] : ['group', 'aggregate'];
  if (!wanted.includes(kind))
    ctx.out.push(
      issue(
        `${ptr}/props/query`,
        'view.figureQuery',
        `“${node.type}” 需要 ${wanted.join(' 或 ')} 查询，“${props.query}” 是 ${kind}。`,
        `"${node.type}" needs a ${wanted.join(' or ')} query; "${props.query}" is ${kind}.`,
      ),
    );
  for (const key of ['measure', 'params', 'trend'])
    if (props[key] !== undefined && !measures)
      ctx.out.push(
        issue(
          `${ptr}/props/${key}`,
          'view.aggregateProp',
          `“${key}” 只适用于 aggregate 查询。`,
          `"${key}" only applies to an aggregate query.`,
        ),
      );
  if (measures && typeof props.measure === 'string' && !measures.includes(props.measure))
    ctx.out.push(
      issue(
        `${ptr}/props/measure`,
        'ref.measure',
        `查询 “${props.query}” 没有度量 “${props.measure}”。已有：${measures.join(', ')}。`,
        `Query "${props.query}" has no measure "${props.measure}". It has: ${measures.join(', ')}.`,
      ),
    );
}

import { mayRunQuery, type AggregateAnswer, type QueryDef } from '@scene/schema';
import { runRanking } from '../aggregates/ranking';
import { runAggregate } from '../aggregates/service';
import { badRequest, forbidden, notFound, unauthorized } from '../../http/errors';
import { own } from '../../own';
import { personActedFor } from '../people/acting';
import { collectionDef, loadContext, recordsOf, type PluginContext } from '../records/context';
import { withCounters } from '../records/counters';
import { allOf } from '../records/filter';
import { findReadable, readableFilter } from '../records/read';
import type { Caller } from '../records/roles';
import type { DataPlaneDeps, StoredRecord } from '../records/types';
import { withoutPeople, type RecordView } from '../records/view';
import { auditDisclosure, present } from '../privacy/clear';
import { afterCursor, decodeCursor, encodeCursor, type SortKey } from './cursor';
import { capacityUse, type CapacitySlot } from './capacity';
import { valuesAt } from '../records/schema-walk';
import { listCacheOf } from './list-cache';
import { checkParamNames, clientFilters } from './params';

export interface QueryRequest {
  communityId: string;
  pluginId: string;
  query: string;
  caller: Caller;
  /** Query-string parameters: `cursor`, `limit`, `id`, `sort` (`field:asc|desc`), `f.<field>.<op>`. */
  params: Record<string, unknown>;
  /** Logged in but not a member: refused with 403 rather than asked to log in. */
  signedIn?: boolean;
}

export type QueryResult =
  | { kind: 'list'; items: RecordView[]; nextCursor: string | null }
  | { kind: 'record'; item: RecordView }
  | { kind: 'count'; count: number }
  | { kind: 'group'; groups: { value: unknown; count: number }[] }
  | { kind: 'capacity'; slots: CapacitySlot[] }
  | AggregateAnswer;

const MAX_GROUPS = 500;

function queryNamed(ctx: PluginContext, name: string): QueryDef {
  const q = own(ctx.manifest.queries, name);
  if (!q) throw notFound(`No query "${name}" in this plugin.`);
  return q;
}

function pageSize(q: QueryDef, raw: unknown): number {
  const max = Math.min(q.pageSize?.max ?? 50, 100);
  if (raw === undefined) return Math.min(q.pageSize?.default ?? 20, max);
  const n = typeof raw === 'string' ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw badRequest('limit is a whole number from 1.');
  return Math.min(n, max);
}

/** The chosen declared sort (`sort=field:dir`, default the first) with its tie-breakers; `_id` ends it. */
function sortOf(q: QueryDef, raw: unknown): { keys: SortKey[]; idDir: 1 | -1 } {
  const declared = q.sort?.length ? q.sort : [{ field: '_id', dir: 'desc' as const }];
  let chosen = declared[0]!;
  if (raw !== undefined) {
    const found = declared.find((s) => raw === `${s.field}:${s.dir}`);
    if (!found)
      throw badRequest('This sort order is not offered here.', { code: 'sort_not_allowed' });
    chosen = found;
  }
  const keys: SortKey[] = [chosen, ...(chosen.then ?? [])].map((k) => ({
    field: k.field,
    dir: k.dir === 'asc' ? 1 : -1,
  }));
  const idAt = keys.findIndex((k) => k.field === '_id');
  if (idAt >= 0) return { keys: keys.slice(0, idAt), idDir: keys[idAt]!.dir };
  return { keys, idDir: keys.length ? keys[keys.length - 1]!.dir : -1 };
}

/**
 * A capacity query's figures, of the caller or (`for=<account id>`) of the family member they act
 * for: a booking page for an elder shows the elder's hours left, counted with the elder's
 * `user.*` as the action the page runs counts them, never the signed-in person's.
 */
async function capacityFor(
  deps: DataPlaneDeps,
  req: QueryRequest,
  own: PluginContext,
  q: QueryDef,
): Promise<QueryResult> {
  const { for: wanted, ...params } = req.params;
  checkParamNames(params);
  let ctx = own;
  if (wanted !== undefined) {
    if (typeof wanted !== 'string' || wanted === '')
      throw badRequest('Give "for" once, as an account id.');
    if (!req.caller) throw unauthorized();
    const person = await personActedFor(deps, req.communityId, req.caller, wanted);
    if (person !== req.caller) {
      ctx = await loadContext(deps, req.communityId, req.pluginId, person, 'read', req.caller);
      if (!mayRunQuery(ctx.roles, ctx.manifest, q)) throw forbidden();
    }
  }
  const def = collectionDef(ctx, q.collection);
  return { kind: 'capacity', slots: await capacityUse(ctx, q, def, params) };
}

function valueAt(doc: Record<string, unknown>, path: string): unknown {
  const [v] = valuesAt(doc, path.split('.'));
  return Array.isArray(v) ? null : v;
}

/**
 * The only way to read plugin data: a declared query, narrowed by the collection's access rules
 * for the caller's roles, the query's own `where`, and client filters over `filterable` fields;
 * all compiled with the community scope by the allow-listed compiler.
 */
export async function runQuery(deps: DataPlaneDeps, req: QueryRequest): Promise<QueryResult> {
  const ctx = await loadContext(deps, req.communityId, req.pluginId, req.caller, 'read');
  const q = queryNamed(ctx, req.query);
  const def = collectionDef(ctx, q.collection);
  // The portal asks the same function before it shows a block that runs this query (a
  // community-wide aggregate needs only the query's roles, not read access to the rows).
  if (!mayRunQuery(ctx.roles, ctx.manifest, q))
    throw req.caller || req.signedIn ? forbidden() : unauthorized();
  if (q.kind === 'aggregate' && q.rank) return runRanking(ctx, q, def, req.query, req.params);
  if (q.kind === 'aggregate') return runAggregate(ctx, q, def, req.params);
  if (q.kind === 'capacity') return capacityFor(deps, req, ctx, q);
  checkParamNames(req.params);
  const narrowed = allOf(q.where, ...clientFilters(q, def, req.params));
  const filter = readableFilter(ctx, def, narrowed);
  const records = recordsOf(ctx, q.collection);
  // Masked as the collection's privacy says; other people's data shown in clear is audited once
  // per request, however many records it spans.
  const show = async (docs: StoredRecord[]): Promise<RecordView[]> => {
    const { views, disclosed } = present(ctx, def, docs, q.fields);
    await auditDisclosure(ctx, q.collection, { type: 'query', name: req.query }, disclosed);
    if (!q.hidePeople) return views;
    const me = ctx.caller?.accountId;
    return views.map((v, i) =>
      me && (docs[i]!.createdBy === me || docs[i]!.actedBy === me) ? v : withoutPeople(v, def),
    );
  };

  if (q.kind === 'count') {
    const count = await listCacheOf(ctx.deps).count(ctx, q.collection, def, narrowed, () =>
      records.countDocuments(filter),
    );
    return { kind: 'count', count };
  }
  if (q.kind === 'group') {
    const fields = Array.isArray(q.groupBy) ? q.groupBy : [q.groupBy!];
    const groupId =
      fields.length === 1
        ? `$${fields[0]}`
        : Object.fromEntries(fields.map((f) => [f.replace(/\./g, '_'), `$${f}`]));
    const rows = await records
      .aggregate<{ _id: unknown; count: number }>([
        { $match: filter },
        { $group: { _id: groupId, count: { $sum: 1 } } },
        { $sort: { count: -1 } },
        { $limit: MAX_GROUPS },
      ])
      .toArray();
    return { kind: 'group', groups: rows.map((r) => ({ value: r._id ?? null, count: r.count })) };
  }
  if (req.params.id !== undefined) {
    const doc = await findReadable(ctx, q.collection, def, req.params.id, narrowed);
    if (!doc) throw notFound('No such record.');
    const [item] = await show(await withCounters(ctx, def, [doc]));
    return { kind: 'record', item: item! };
  }
  const limit = pageSize(q, req.params.limit);
  const { keys, idDir } = sortOf(q, req.params.sort);
  const cursor =
    req.params.cursor === undefined ? undefined : decodeCursor(req.params.cursor, keys.length);
  const page = cursor ? { $and: [filter, afterCursor(keys, idDir, cursor)] } : filter;
  const sortSpec: Record<string, 1 | -1> = Object.fromEntries(keys.map((k) => [k.field, k.dir]));
  sortSpec._id = idDir;
  const rows = await listCacheOf(ctx.deps).page(
    ctx,
    q.collection,
    def,
    narrowed,
    { keys, idDir },
    cursor,
    limit,
    () => records.find(page, { sort: sortSpec, limit: limit + 1 }).toArray(),
  );
  const docs = await withCounters(ctx, def, rows.slice(0, limit));
  const last = docs[docs.length - 1];
  return {
    kind: 'list',
    items: await show(docs),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor(
            keys.map((k) => valueAt(last, k.field)),
            last._id,
          )
        : null,
  };
}

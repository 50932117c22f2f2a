import type { QueryDef } from '@scene/schema';
import { badRequest, forbidden, notFound, unauthorized } from '../http/errors';
import { readAccessTree } from '../records/access';
import { collectionDef, loadContext, recordsOf, type PluginContext } from '../records/context';
import { withCounters } from '../records/counters';
import { allOf } from '../records/filter';
import { checkRecordId, readableFilter } from '../records/read';
import { holdsAny, type Caller } from '../records/roles';
import type { DataPlaneDeps } from '../records/types';
import { viewFor, type RecordView } from '../records/view';
import { afterCursor, decodeCursor, encodeCursor } from './cursor';
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
  | { kind: 'group'; groups: { value: unknown; count: number }[] };

const MAX_GROUPS = 500;

function queryNamed(ctx: PluginContext, name: string): QueryDef {
  const q = Object.prototype.hasOwnProperty.call(ctx.manifest.queries ?? {}, name)
    ? ctx.manifest.queries[name]
    : undefined;
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

function sortOf(q: QueryDef, raw: unknown): { field: string; dir: 1 | -1 } {
  const declared = q.sort?.length ? q.sort : [{ field: '_id', dir: 'desc' as const }];
  let chosen = declared[0]!;
  if (raw !== undefined) {
    const found = declared.find((s) => raw === `${s.field}:${s.dir}`);
    if (!found)
      throw badRequest('This sort order is not offered here.', { code: 'sort_not_allowed' });
    chosen = found;
  }
  return { field: chosen.field, dir: chosen.dir === 'asc' ? 1 : -1 };
}

/**
 * The only way to read plugin data: a declared query, narrowed by the collection's access rules
 * for the caller's roles, the query's own `where`, and client filters over `filterable` fields;
 * all compiled with the community scope by the allow-listed compiler.
 */
export async function runQuery(deps: DataPlaneDeps, req: QueryRequest): Promise<QueryResult> {
  const ctx = await loadContext(deps, req.communityId, req.pluginId, req.caller, 'read');
  const q = queryNamed(ctx, req.query);
  const deny = () => (req.caller || req.signedIn ? forbidden() : unauthorized());
  if (q.roles && !holdsAny(ctx.roles, q.roles)) throw deny();
  const def = collectionDef(ctx, q.collection);
  if (readAccessTree(def, ctx.roles) === null) throw deny();
  checkParamNames(req.params);
  const filter = readableFilter(ctx, def, allOf(q.where, ...clientFilters(q, def, req.params)));
  const records = recordsOf(ctx, q.collection);
  const show = (doc: Parameters<typeof viewFor>[4]) =>
    viewFor(ctx.manifest, def, ctx.roles, ctx.caller, doc, q.fields);

  if (q.kind === 'count') return { kind: 'count', count: await records.countDocuments(filter) };
  if (q.kind === 'group') {
    const field = q.groupBy!;
    const rows = await records
      .aggregate<{ _id: unknown; count: number }>([
        { $match: filter },
        { $group: { _id: `$${field}`, count: { $sum: 1 } } },
        { $sort: { count: -1 } },
        { $limit: MAX_GROUPS },
      ])
      .toArray();
    return { kind: 'group', groups: rows.map((r) => ({ value: r._id ?? null, count: r.count })) };
  }
  if (req.params.id !== undefined) {
    const doc = await records.findOne({ $and: [filter, { _id: checkRecordId(req.params.id) }] });
    if (!doc) throw notFound('No such record.');
    const [counted] = await withCounters(ctx, def, [doc]);
    return { kind: 'record', item: show(counted!) };
  }
  const limit = pageSize(q, req.params.limit);
  const sort = sortOf(q, req.params.sort);
  const page =
    req.params.cursor === undefined
      ? filter
      : { $and: [filter, afterCursor(sort.field, sort.dir, decodeCursor(req.params.cursor))] };
  const sortSpec: Record<string, 1 | -1> =
    sort.field === '_id' ? { _id: sort.dir } : { [sort.field]: sort.dir, _id: sort.dir };
  const rows = await records.find(page, { sort: sortSpec, limit: limit + 1 }).toArray();
  const docs = await withCounters(ctx, def, rows.slice(0, limit));
  const last = docs[docs.length - 1];
  return {
    kind: 'list',
    items: docs.map(show),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor(sort.field === '_id' ? last._id : last[sort.field], last._id)
        : null,
  };
}

// Who may open a view and run its queries: the resident portal asks before it shows a block or a
// page, the manifest checker asks for every role that may open a view. The server asks the same
// `mayRunQuery` before it runs a query.
import type { AccessRule, QueryDef, ViewDef, ViewNode } from '../manifest/types';
import type { RoleRef, Surface } from '../manifest/vocabulary';
import { holdsAny } from './roles';

/** Who opens a view that names no `roles`: public views everyone, resident views residents. */
export const DEFAULT_VIEW_ROLES: Readonly<Record<Surface, readonly RoleRef[]>> = {
  public: ['public'],
  resident: ['resident'],
  staff: ['staff', 'operator'],
};

/** The roles that may open a view: its `roles`, else its surface's default. */
export function viewRoles(view: Pick<ViewDef, 'roles' | 'surface'>): readonly RoleRef[] {
  return view.roles?.length ? view.roles : DEFAULT_VIEW_ROLES[view.surface];
}

/** Whether someone holding `roles` (from `effectiveRoles`) may open the view. */
export function mayOpenView(
  roles: ReadonlySet<string>,
  view: Pick<ViewDef, 'roles' | 'surface'>,
): boolean {
  return holdsAny(roles, viewRoles(view));
}

const own = <T>(obj: Record<string, T> | undefined, key: string): T | undefined =>
  obj !== undefined && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;

/** What `mayRunQuery` reads of a plugin: its queries and who may read each collection. */
export interface QuerySource {
  queries: Record<string, QueryDef>;
  collections: Record<string, { access: { read: readonly Pick<AccessRule, 'roles'>[] } }>;
}

/**
 * Whether someone holding `roles` may run a query: the query's own `roles` (if any) and, except
 * for `capacity` queries (which return no records), at least one read rule of its collection.
 */
export function mayRunQuery(
  roles: ReadonlySet<string>,
  manifest: QuerySource,
  query: string | QueryDef,
): boolean {
  const q = typeof query === 'string' ? own(manifest.queries, query) : query;
  if (!q) return false;
  if (q.roles && !holdsAny(roles, q.roles)) return false;
  // Free places and community-wide figures give away no one's record: the query's roles suffice.
  if (q.kind === 'capacity' || (q.kind === 'aggregate' && q.scope === 'community')) return true;
  const collection = own(manifest.collections, q.collection);
  return !!collection && collection.access.read.some((rule) => holdsAny(roles, rule.roles));
}

/**
 * Props naming a query, per primitive (the catalog's `queryProps`, kept here without the props
 * schemas so the resident portal does not load the catalog; a test holds the two equal).
 */
export const QUERY_PROPS: Readonly<Record<string, readonly string[]>> = {
  list: ['query'],
  detail: ['query'],
  table: ['query'],
  stat: ['query'],
  chart: ['query'],
  calendar: ['query'],
  directory: ['query'],
  'slot-picker': ['availability'],
  ballot: ['results'],
  consent: ['signed'],
};

/** The queries one node names itself (not its children). */
export function nodeQueries(node: Pick<ViewNode, 'type' | 'props'>): string[] {
  const names = own(QUERY_PROPS, node.type) ?? [];
  return names.map((p) => node.props?.[p]).filter((q): q is string => typeof q === 'string');
}

/** Every query a view's tree names, with the JSON pointer (below the view) of the naming prop. */
export function viewQueries(view: Pick<ViewDef, 'root'>): { query: string; pointer: string }[] {
  const out: { query: string; pointer: string }[] = [];
  const walk = (node: ViewNode, ptr: string) => {
    for (const p of own(QUERY_PROPS, node.type) ?? []) {
      const q = node.props?.[p];
      if (typeof q === 'string') out.push({ query: q, pointer: `${ptr}/props/${p}` });
    }
    (node.children ?? []).forEach((c, i) => walk(c, `${ptr}/children/${i}`));
  };
  walk(view.root, '/root');
  return out;
}

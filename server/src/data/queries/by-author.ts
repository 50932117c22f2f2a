import type { CollectionDef } from '@scene/schema';
import { readAccessTree } from '../records/access';
import { allOf, type Filter, type FilterVars } from '../records/filter';
import type { PluginContext } from '../records/context';
import type { StoredRecord } from '../records/types';
import { sortName, SortedView, type PageSort } from './sorted-view';

/** Orders an entry keeps at once (a query declares a few; the oldest asked goes first). */
const MAX_VIEWS = 4;

/**
 * A cache entry's records with an author index (account id → record ids), so a "my" list or
 * count (the access rule, the query's `where` or a client filter requires `createdBy` to equal
 * one account) looks at that person's records, not at every record of the community (issue 18:
 * a resident's 20 tickets among 8,000), and the records in the order of each list of the whole
 * community asked of it (sorted-view.ts). Every write to the map keeps both, including the
 * number probe's (number-probe.ts writes through `set`).
 */
export class AuthoredRecords extends Map<string, StoredRecord> {
  private readonly byAuthor = new Map<string, Map<string, StoredRecord>>();
  /**
   * Records whose `createdBy` is not one string (none today: it is a platform field). An
   * author-pinned filter could still match them (an array holding the account), so they are
   * always candidates rather than assumed away.
   */
  private readonly unusual = new Set<string>();
  /** The records in each order a page of the whole community asked for (sorted-view.ts). */
  private readonly views = new Map<string, SortedView>();
  /** While a whole reload runs in the background: every id written since it began. */
  touched?: Set<string>;

  override set(id: string, doc: StoredRecord): this {
    this.unindex(id);
    super.set(id, doc);
    for (const view of this.views.values()) view.put(doc);
    const author = doc.createdBy as unknown;
    if (typeof author === 'string') {
      let docs = this.byAuthor.get(author);
      if (!docs) this.byAuthor.set(author, (docs = new Map()));
      docs.set(id, doc);
    } else this.unusual.add(id);
    this.touched?.add(id);
    return this;
  }

  override delete(id: string): boolean {
    this.unindex(id);
    for (const view of this.views.values()) view.remove(id);
    this.touched?.add(id);
    return super.delete(id);
  }

  override clear(): void {
    for (const id of this.keys()) this.touched?.add(id);
    this.byAuthor.clear();
    this.unusual.clear();
    this.views.clear();
    super.clear();
  }

  /** Every record, in `sort`'s order. */
  inOrder(sort: PageSort): Iterable<StoredRecord> {
    const name = sortName(sort);
    let view = this.views.get(name);
    if (view) this.views.delete(name);
    else view = new SortedView(sort, this.values());
    // Most recently asked last: the oldest goes first.
    this.views.set(name, view);
    if (this.views.size > MAX_VIEWS) this.views.delete(this.views.keys().next().value!);
    return view.records();
  }

  /** The records `author` created, and those whose author is not one string. */
  ofAuthor(author: string): StoredRecord[] {
    const out = [...(this.byAuthor.get(author)?.values() ?? [])];
    for (const id of this.unusual) out.push(this.get(id)!);
    return out;
  }

  private unindex(id: string): void {
    const old = this.get(id);
    if (!old) return;
    const author = old.createdBy as unknown;
    if (typeof author !== 'string') return void this.unusual.delete(id);
    const docs = this.byAuthor.get(author);
    docs?.delete(id);
    if (docs?.size === 0) this.byAuthor.delete(author);
  }
}

/**
 * The one account whose records are the only ones `tree` can match, or undefined when it does
 * not pin `createdBy` to one value. Sound, not complete: a condition found here is one every
 * match must meet, and the caller still checks each candidate with the whole filter.
 */
export function pinnedAuthor(tree: Filter | undefined, vars: FilterVars): string | undefined {
  if (tree === undefined) return undefined;
  if ('all' in tree) {
    for (const t of tree.all) {
      const author = pinnedAuthor(t, vars);
      if (author !== undefined) return author;
    }
    return undefined;
  }
  if ('any' in tree) {
    const authors = tree.any.map((t) => pinnedAuthor(t, vars));
    const first = authors[0];
    return first !== undefined && authors.every((a) => a === first) ? first : undefined;
  }
  if ('not' in tree || tree.field !== 'createdBy') return undefined;
  const value = varValue(tree.value, vars);
  if (tree.op === 'eq' && typeof value === 'string') return value;
  if (
    tree.op === 'in' &&
    Array.isArray(value) &&
    value.length === 1 &&
    typeof value[0] === 'string'
  )
    return value[0];
  return undefined;
}

/** A literal, or a plain `{var}` the vars hold; undefined for anything else (then nothing is pinned). */
function varValue(value: unknown, vars: FilterVars): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const ref = value as { var?: unknown; offset?: unknown; as?: unknown };
  if (typeof ref.var !== 'string' || ref.offset !== undefined || ref.as !== undefined)
    return undefined;
  return Object.prototype.hasOwnProperty.call(vars, ref.var) ? vars[ref.var] : undefined;
}

/**
 * The records of an entry that may pass the caller's read filter narrowed by `extra`: the
 * author's alone when the filter pins one, none when no read rule applies, else all of them,
 * in `sort`'s order when one is given (`ordered`: a page may stop at its last row). The caller
 * checks each one with `mayRead`.
 */
export function candidates(
  ctx: PluginContext,
  def: CollectionDef,
  extra: Filter | undefined,
  records: AuthoredRecords,
  sort?: PageSort,
): { docs: Iterable<StoredRecord>; ordered: boolean } {
  const access = readAccessTree(def, ctx.roles);
  if (access === null) return { docs: [], ordered: true };
  const author = pinnedAuthor(allOf(access === 'all' ? undefined : access, extra), ctx.vars);
  // A person's own records are few: ranked on each read rather than kept in order.
  if (author !== undefined) return { docs: records.ofAuthor(author), ordered: false };
  return sort
    ? { docs: records.inOrder(sort), ordered: true }
    : { docs: records.values(), ordered: false };
}

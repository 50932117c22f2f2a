import type { CollectionDef } from '@scene/schema';
import { own } from '../../own';
import type { PluginContext } from './context';
import { recordsOf } from './context';
import { compileFilter } from './filter';
import type { StoredRecord } from './types';

/**
 * Counters (`counters.<name>`: how many `source` records point at this one through `by`) are
 * counted when read, for the records of one page at once, rather than stored: a stored count
 * would be one more field that concurrent writers could lose on FerretDB, and a page of at most
 * 100 records costs one grouped count per counter. Auto transitions read them the same way.
 */
export async function withCounters(
  ctx: PluginContext,
  def: CollectionDef,
  docs: StoredRecord[],
): Promise<StoredRecord[]> {
  const counters = Object.entries(def.counters ?? {});
  if (counters.length === 0 || docs.length === 0) return docs;
  const ids = docs.map((d) => d._id);
  for (const [name, counter] of counters) {
    const sourceDef = own(ctx.manifest.collections, counter.source);
    if (!sourceDef) continue;
    const scope = compileFilter(counter.where, { communityId: ctx.communityId, vars: ctx.vars });
    const rows = await recordsOf(ctx, counter.source)
      .aggregate<{ _id: string; n: number }>([
        { $match: { $and: [scope, { [counter.by]: { $in: ids } }] } },
        { $group: { _id: `$${counter.by}`, n: { $sum: 1 } } },
      ])
      .toArray();
    const counts = new Map(rows.map((r) => [r._id, r.n]));
    for (const d of docs) d[name] = counts.get(d._id) ?? 0;
  }
  return docs;
}

/** Collections of this plugin whose counters count records of `source`, with the `by` field. */
export function countedBy(
  ctx: PluginContext,
  source: string,
): { collection: string; by: string }[] {
  const out: { collection: string; by: string }[] = [];
  for (const [name, def] of Object.entries(ctx.manifest.collections)) {
    for (const c of Object.values(def.counters ?? {}))
      if (c.source === source) out.push({ collection: name, by: c.by });
  }
  return out;
}

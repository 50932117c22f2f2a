import type { mongo } from 'mongoose';
import { forbidden, unauthorized } from '../../http/errors';
import { pointsTotals } from '../points/service';
import { recordCollectionName } from '../records/names';
import type { Caller } from '../records/roles';
import type { DataPlaneDeps } from '../records/types';

export interface CollectionMetrics {
  total: number;
  /** Records per workflow state (only for collections with a workflow). */
  byState?: Record<string, number>;
  /** Mean milliseconds from creation to the first terminal state, over resolved records. */
  avgResolveMs?: number | null;
  resolved?: number;
  /** Mean of the `rating` field where the collection has one. */
  avgRating?: number | null;
  ratings?: number;
}

export interface PluginMetrics {
  pluginId: string;
  collections: Record<string, CollectionMetrics>;
  points: { awarded: number; redeemed: number };
}

/**
 * Mean of a numeric field over the records matching `match`. The sum and the count are asked
 * separately: FerretDB v1 answers `{$sum: 1}` as 0 when the same `$group` also sums a field.
 */
async function meanOf(col: mongo.Collection, match: Record<string, unknown>, field: string) {
  const n = await col.countDocuments(match);
  if (n === 0) return { n, mean: null };
  const [r] = await col
    .aggregate<{ sum: number }>([
      { $match: match },
      { $group: { _id: null, sum: { $sum: `$${field}` } } },
    ])
    .toArray();
  return { n, mean: (r?.sum ?? 0) / n };
}

/**
 * Aggregates for the operations dashboard: counts only, never a person's data. Averages are
 * sums divided by counts because FerretDB v1 offers only `$sum`/`$count` in `$group`.
 */
export async function communityMetrics(
  deps: DataPlaneDeps,
  communityId: string,
  caller: Caller,
): Promise<PluginMetrics[]> {
  if (!caller) throw unauthorized();
  const roles = new Set(caller.communityRoles);
  if (caller.communityId !== communityId || !(roles.has('operator') || roles.has('admin')))
    throw forbidden();
  const db = deps.connection.db!;
  const out: PluginMetrics[] = [];
  for (const plugin of await deps.installed.list(communityId)) {
    const collections: Record<string, CollectionMetrics> = {};
    for (const [name, def] of Object.entries(plugin.manifest.collections)) {
      const col = db.collection(recordCollectionName(plugin.pluginId, name));
      const m: CollectionMetrics = { total: await col.countDocuments({ communityId }) };
      if (def.workflow) {
        const rows = await col
          .aggregate<{ _id: string; n: number }>([
            { $match: { communityId } },
            { $group: { _id: `$${def.workflow.field}`, n: { $sum: 1 } } },
          ])
          .toArray();
        m.byState = Object.fromEntries(
          def.workflow.states.map((s) => [s.id, rows.find((r) => r._id === s.id)?.n ?? 0]),
        );
        const resolved = await meanOf(
          col,
          { communityId, _resolvedMs: { $exists: true } },
          '_resolvedMs',
        );
        m.resolved = resolved.n;
        m.avgResolveMs = resolved.mean === null ? null : Math.round(resolved.mean);
      }
      const rating = (def.schema as { properties?: Record<string, { type?: string }> }).properties
        ?.rating;
      if (rating && (rating.type === 'integer' || rating.type === 'number')) {
        const rated = await meanOf(col, { communityId, rating: { $gte: -1e9 } }, 'rating');
        m.ratings = rated.n;
        m.avgRating = rated.mean === null ? null : Math.round(rated.mean * 100) / 100;
      }
      collections[name] = m;
    }
    out.push({
      pluginId: plugin.pluginId,
      collections,
      points: await pointsTotals(db, communityId, plugin.pluginId),
    });
  }
  return out;
}

// What `stat` and `chart` share about the query they show: which query, which measure, and the
// period they ask for.
import { DEFAULT_TIME_ZONE, dateValueInstant, type QueryDef } from '@scene/schema';
import type { RenderScope } from './scope';

/** The query a figure names, with its declaration. */
export function figureQuery(
  scope: RenderScope,
  name: unknown,
): { name: string; def: QueryDef } | undefined {
  const queries = scope.plugin?.manifest.queries ?? {};
  if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(queries, name))
    return undefined;
  return { name, def: queries[name]! };
}

/** The measure a figure shows: the one it names, else the query's first. */
export function measureOf(def: QueryDef | undefined, named: unknown): string {
  if (typeof named === 'string') return named;
  return def?.measures?.[0]?.id ?? '';
}

/**
 * A figure's `params` (`from`/`to`: local dates, timestamps or relative dates) as the instants
 * to ask for, read now in the community's zone.
 */
export function periodParams(
  params: unknown,
  timeZone = DEFAULT_TIME_ZONE,
): { from?: string; to?: string } {
  if (typeof params !== 'object' || params === null) return {};
  const now = new Date();
  const out: { from?: string; to?: string } = {};
  for (const key of ['from', 'to'] as const) {
    const v = (params as Record<string, unknown>)[key];
    const at = v === undefined ? null : dateValueInstant(v, now, timeZone);
    if (at) out[key] = at.toISOString();
  }
  return out;
}

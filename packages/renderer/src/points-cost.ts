// What a `redeem` action would spend, read from its declaration the way the server charges it
// (server/src/data/actions/redeem.ts): the catalogue entry its `catalog` binds, chosen by the
// input's `itemId`, its `points` × the input's `quantity` (1 when not given). Any vendor's redeem
// action gets the check; the server still refuses a redemption the balance cannot pay.
// Loaded only with the primitives that run actions, never in the portal's first download.
import type { ActionDef } from '@scene/schema';
import { computed } from 'vue';
import { readPath } from './bindings';
import type { DataSource } from './data-source';
import { useLoader } from './loaders';
import type { RenderScope } from './scope';
import { actionRevision } from './use-action';

/** The points a redeem action with this input spends; undefined for other actions or unknown items. */
export function redeemCost(
  action: ActionDef | undefined,
  input: Record<string, unknown>,
  scope: RenderScope,
): number | undefined {
  if (action?.type !== 'redeem') return undefined;
  const list = readPath({ config: scope.plugin?.config ?? {} }, action.catalog.bind);
  const entry: unknown = Array.isArray(list)
    ? list.find((e: unknown) => (e as Record<string, unknown> | null)?.id === input.itemId)
    : undefined;
  const points = (entry as Record<string, unknown> | undefined)?.points;
  const quantity = input.quantity === undefined ? 1 : input.quantity;
  if (typeof points !== 'number' || !Number.isSafeInteger(quantity)) return undefined;
  return points * (quantity as number);
}

// Every redeem button on a page (a catalogue of eight) asks at once: they share one request.
const asking = new WeakMap<DataSource, Promise<number>>();
function balanceOf(source: DataSource): Promise<number> {
  let p = asking.get(source);
  if (!p) {
    p = source.pointsBalance().finally(() => asking.delete(source));
    asking.set(source, p);
  }
  return p;
}

/**
 * How many more points the signed-in person needs for what `cost` says an action spends: 0 when
 * the balance covers it or either is unknown (signed out, still loading, not a redeem). The
 * balance reads again after every action, so a redemption elsewhere on the page counts.
 */
export function usePointsShortfall(source: DataSource, cost: () => number | undefined) {
  // Only a costed action asks for the balance; it asks again after every action.
  const balance = useLoader(
    async () => (source.user && cost() !== undefined ? balanceOf(source) : undefined),
    () => `${actionRevision.value}:${cost() !== undefined}`,
  );
  return computed(() => {
    const c = cost();
    const b = balance.data.value;
    return c !== undefined && b !== undefined && b < c ? c - b : 0;
  });
}

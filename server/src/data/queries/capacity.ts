import type { CapacityRule, CollectionDef, QueryDef } from '@scene/schema';
import { own, ownPath } from '../../own';
import { keyOf, resolveLimit } from '../records/capacity';
import { waitingCounts } from '../records/waitlist';
import { notFound } from '../../http/errors';
import { recordsOf, type PluginContext } from '../records/context';
import { allOf, compileFilter } from '../records/filter';
import { clientFilters } from './params';
import { limitSteps, stepsToUnits, weightSteps } from '../records/weights';

export interface CapacitySlot {
  /**
   * The rule's key values. An entry whose key leaves out some of the rule's fields applies to
   * every value of them: these come last and give the limit where nothing is booked yet (e.g.
   * `{slot: 'lunch'}` for any date), so a picker can show the places left of an untouched day.
   */
  key: Record<string, unknown>;
  used: number;
  limit: number;
  left: number;
  /** How many wait in line for this key, when the rule has a waitlist. */
  waiting?: number;
}

/**
 * `kind: "capacity"`: places used and left per key of one capacity rule (e.g. per date and meal),
 * counted from the records the rule covers. Never returns records, so it needs only the query's
 * roles, not read access to other people's bookings.
 */
export async function capacityUse(
  ctx: PluginContext,
  q: QueryDef,
  def: CollectionDef,
  params: Record<string, unknown>,
): Promise<CapacitySlot[]> {
  const index = (def.capacity ?? []).findIndex((r) => r.id !== undefined && r.id === q.capacity);
  const rule = def.capacity?.[index];
  if (!rule) throw notFound('This capacity rule does not exist.');
  // Records waiting in a line hold no place.
  const waitingStates = (def.capacity ?? []).flatMap((r) => (r.waitlist ? [r.waitlist.state] : []));
  const notWaiting =
    def.workflow && waitingStates.length
      ? { field: def.workflow.field, op: 'nin' as const, value: waitingStates }
      : undefined;
  const filter = compileFilter(
    allOf(rule.where, notWaiting, q.where, ...clientFilters(q, def, params)),
    { communityId: ctx.communityId, vars: ctx.vars },
  );
  const groupId: Record<string, string> = Object.fromEntries(
    rule.key.map((f) => [f.replace(/\./g, '_'), `$${f}`]),
  );
  // A rule on a sum groups by weight too: each record's seats are its weight rounded up to steps.
  const weightKey = '__weight';
  if (rule.weight) groupId[weightKey] = `$${rule.weight.field}`;
  const rows = await recordsOf(ctx, q.collection)
    .aggregate<{ _id: Record<string, unknown>; n: number }>([
      { $match: filter },
      { $group: { _id: groupId, n: { $sum: 1 } } },
      { $limit: 500 },
    ])
    .toArray();
  const used = new Map<string, { id: Record<string, unknown>; steps: number }>();
  for (const r of rows) {
    const { [weightKey]: w, ...id } = r._id;
    const steps = r.n * weightSteps(rule, rule.weight ? { [rule.weight.field]: w } : {});
    const k = JSON.stringify(id);
    const entry = used.get(k) ?? { id, steps: 0 };
    entry.steps += steps;
    used.set(k, entry);
  }
  const booked = [...used.values()].map(({ id, steps }) => {
    const record = Object.fromEntries(rule.key.map((f) => [f, id[f.replace(/\./g, '_')]]));
    const limit = resolveLimit(ctx, rule.limit, record);
    // In the limit's unit: hours of a rule on a sum, whole steps left (what a record can still take).
    const n = stepsToUnits(rule, steps);
    const left = stepsToUnits(rule, Math.max(0, limitSteps(rule, limit) - steps));
    const slot: CapacitySlot = { key: id, used: n, limit, left };
    return { slot, seatKey: rule.waitlist ? keyOf(ctx, q.collection, index, rule, record) : '' };
  });
  if (rule.waitlist) {
    const waiting = await waitingCounts(
      ctx.db,
      booked.map((b) => b.seatKey),
    );
    for (const b of booked) b.slot.waiting = waiting.get(b.seatKey) ?? 0;
  }
  return [...booked.map((b) => b.slot), ...unbooked(ctx, rule)];
}

/**
 * What a key nobody booked yet allows, as if nothing were booked: one entry with an empty key
 * for a limit the same for every key, or one per value of a per-value limit (`limit.by`: the
 * keys of its config object, or the `id`s of its config catalogue with `value`).
 */
function unbooked(ctx: PluginContext, rule: CapacityRule): CapacitySlot[] {
  const by = typeof rule.limit === 'object' ? (rule.limit as { by?: string }).by : undefined;
  // One limit for every key (a number or a config number): one entry that applies to any key.
  if (
    typeof rule.limit === 'number' ||
    (by === undefined && rule.limit.bind.startsWith('config.'))
  ) {
    const limit = resolveLimit(ctx, rule.limit, {});
    return [{ key: {}, used: 0, limit, left: limit }];
  }
  if (!by || typeof rule.limit !== 'object' || !rule.key.includes(by)) return [];
  const values = ownPath(ctx.plugin.config, rule.limit.bind.split('.').slice(1));
  if (typeof values !== 'object' || values === null) return [];
  const ids = Array.isArray(values)
    ? values.flatMap((o: unknown) => {
        const id =
          typeof o === 'object' && o !== null ? own(o as Record<string, unknown>, 'id') : undefined;
        return typeof id === 'string' ? [id] : [];
      })
    : Object.keys(values);
  return ids.map((value) => {
    const limit = resolveLimit(ctx, rule.limit, { [by]: value });
    return { key: { [by]: value }, used: 0, limit, left: limit };
  });
}

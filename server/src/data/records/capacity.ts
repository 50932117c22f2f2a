import type { CapacityOverflow, CapacityRule, CollectionDef } from '@scene/schema';
import { HttpError } from '../../http/errors';
import { own, ownPath } from '../../own';
import type { PluginContext } from './context';
import { evaluateFilter, type Filter } from './filter';
import type { StoredRecord } from './types';
import { releaseSeats, seatKey, seatsTaken, takeSeat } from './seats';
import { isWaiting } from './waitlist';
import { fillFigures, limitSteps, stepsToUnits, weightSteps, type SumFigures } from './weights';

function ruleId(i: number, key: string): string {
  return `cap:${i}:${key}`;
}

/** A freed place as `claimCapacity` reports it: which rule, which key. */
export function freedPlace(entry: string): { index: number; key: string } | undefined {
  const m = /^cap:(\d+):(.+)$/.exec(entry);
  return m ? { index: Number(m[1]), key: m[2]! } : undefined;
}

/**
 * A capacity rule is full (409 `capacity_full`); names the rule, so a waitlist can take over. A
 * rule on a sum also says how much was used, what this record weighs and the limit, in the
 * rule's unit (`details.used`, `weight`, `limit`, and in its message's `{used}` … placeholders).
 */
export class CapacityFullError extends HttpError {
  constructor(
    readonly ruleIndex: number,
    rule: CapacityRule,
    figures?: SumFigures,
  ) {
    const fallback = figures
      ? {
          'zh-CN': '已用 {used}，本次 {weight} 将超出上限 {limit}。',
          en: '{used} used; this {weight} would pass the limit of {limit}.',
        }
      : { 'zh-CN': '名额已满。', en: 'No places left.' };
    const text = rule.message ?? fallback;
    const message = figures ? fillFigures(text, figures) : text;
    super(409, 'conflict', message.en ?? 'No places left.', {
      code: 'capacity_full',
      message,
      ...figures,
    });
  }
}

/** A capacity limit from the manifest: a number, or bound to the installation's configuration. */
export function resolveLimit(
  ctx: PluginContext,
  limit: CapacityRule['limit'],
  doc: Record<string, unknown>,
): number {
  if (typeof limit === 'number') return limit;
  const path = limit.bind.split('.');
  // `item.<field>`: the record's own limit (an event's places, copied from it onto each sign-up).
  if (path[0] === 'item') return finiteOrZero(ownPath(doc, path.slice(1)));
  if (path[0] !== 'config') return 0;
  const { by, value } = limit as { by?: string; value?: string };
  // `by` with `value`: the entry of a config catalogue whose `id` is the record's `by` field.
  const v =
    by !== undefined && value !== undefined
      ? own(catalogueEntry(ctx, limit.bind, own(doc, by)), value)
      : // `by` alone: the config value is an object with one limit per value of a record field.
        ownPath(
          ctx.plugin.config,
          by === undefined ? path.slice(1) : [...path.slice(1), String(own(doc, by))],
        );
  return finiteOrZero(v);
}

/** An unconfigured limit books nothing rather than everything. */
function finiteOrZero(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** The object of a config array (`config.services`) whose `id` equals `id`. */
export function catalogueEntry(
  ctx: PluginContext,
  bind: string,
  id: unknown,
): Record<string, unknown> | undefined {
  const list = ownPath(ctx.plugin.config, bind.split('.').slice(1));
  if (!Array.isArray(list)) return undefined;
  const found: unknown = list.find(
    (o) => typeof o === 'object' && o !== null && own(o as Record<string, unknown>, 'id') === id,
  );
  return found as Record<string, unknown> | undefined;
}

/** Whether a record counts under a rule: it matches `where` and is not waiting in a line. */
export function applies(
  ctx: PluginContext,
  def: CollectionDef,
  rule: CapacityRule,
  doc: Record<string, unknown>,
): boolean {
  return !isWaiting(def, doc) && evaluateFilter(rule.where, doc, ctx.vars);
}

/** The seat key of a record under rule `i` (the rule's key values, scoped to the plugin). */
export function keyOf(
  ctx: PluginContext,
  collection: string,
  i: number,
  rule: CapacityRule,
  doc: Record<string, unknown>,
) {
  const values = rule.key.map((f) => doc[f] ?? null);
  return seatKey([ctx.communityId, ctx.plugin.pluginId, collection, i, values]);
}

/**
 * Makes the capacity rules hold for a record moving from `before` (undefined when new) to
 * `after`: takes a seat for each rule it newly falls under, refusing with 409 when a rule is
 * full, and returns the rules whose seats to free once the write has succeeded.
 */
export async function claimCapacity(
  ctx: PluginContext,
  collection: string,
  def: CollectionDef,
  recordId: string,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
): Promise<{ taken: string[]; toFree: string[] }> {
  const taken: string[] = [];
  const toFree: string[] = [];
  const rules = def.capacity ?? [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    const was = before !== undefined && applies(ctx, def, rule, before);
    const is = applies(ctx, def, rule, after);
    const oldKey = was ? keyOf(ctx, collection, i, rule, before!) : '';
    const newKey = keyOf(ctx, collection, i, rule, after);
    const sameKey = was && is && oldKey === newKey;
    if (was && !sameKey) toFree.push(ruleId(i, oldKey));
    if (!is || sameKey) continue;
    const limit = resolveLimit(ctx, rule.limit, after);
    const steps = weightSteps(rule, after);
    const ok = await takeSeat(
      ctx.db,
      {
        key: newKey,
        limit: limitSteps(rule, limit),
        communityId: ctx.communityId,
        recordId,
        rule: ruleId(i, newKey),
      },
      steps,
    );
    if (!ok) {
      await undoCapacity(ctx, recordId, taken);
      const figures = rule.weight
        ? {
            used: stepsToUnits(rule, await seatsTaken(ctx.db, newKey)),
            weight: stepsToUnits(rule, steps),
            limit,
          }
        : undefined;
      throw new CapacityFullError(i, rule, figures);
    }
    taken.push(ruleId(i, newKey));
  }
  return { taken, toFree };
}

/**
 * Takes a new record's places. A full rule with an `overflow` the operator allows does not
 * refuse: the record takes the overflow's `set` (leaving the rule's `where`, e.g. a meal beyond
 * the month's subsidised ones becomes full price) and its places are claimed again. The seat
 * inserts decide who got the last place, so of two bookings racing for it exactly one keeps it.
 */
export async function claimNewRecord(
  ctx: PluginContext,
  collection: string,
  def: CollectionDef,
  doc: Record<string, unknown> & { _id: string },
): Promise<string[]> {
  const overflowed = new Set<number>();
  for (;;) {
    try {
      return (await claimCapacity(ctx, collection, def, doc._id, undefined, doc)).taken;
    } catch (err) {
      if (!(err instanceof CapacityFullError)) throw err;
      const overflow = def.capacity?.[err.ruleIndex]?.overflow;
      if (!overflow || overflowed.has(err.ruleIndex) || !overflowAllowed(ctx, overflow)) throw err;
      overflowed.add(err.ruleIndex);
      Object.assign(doc, structuredClone(overflow.set));
    }
  }
}

/** `allowed`: true unless the manifest or the operator's config boolean says otherwise. */
function overflowAllowed(ctx: PluginContext, overflow: CapacityOverflow): boolean {
  const allowed = overflow.allowed ?? true;
  if (typeof allowed === 'boolean') return allowed;
  return ownPath(ctx.plugin.config, allowed.bind.split('.').slice(1)) !== false;
}

/** Compensation: frees seats taken for a write that then failed. */
export async function undoCapacity(
  ctx: PluginContext,
  recordId: string,
  rules: string[],
): Promise<void> {
  if (rules.length) await releaseSeats(ctx.db, recordId, rules);
}

/**
 * Gives stock and per-user places back when an order reaches a state its redeem action names in
 * `releaseWhen` (e.g. cancelled or refunded).
 */
export async function releaseRedeemedPlaces(
  ctx: PluginContext,
  collection: string,
  after: StoredRecord,
): Promise<void> {
  for (const action of Object.values(ctx.manifest.actions)) {
    const releaseWhen = (action as { releaseWhen?: Filter }).releaseWhen;
    if (action.type !== 'redeem' || action.collection !== collection || !releaseWhen) continue;
    if (evaluateFilter(releaseWhen, after, ctx.vars)) {
      const itemId = String(after.itemId);
      await releaseSeats(ctx.db, after._id, [`stock:${itemId}`, `user:${itemId}`]);
    }
  }
}

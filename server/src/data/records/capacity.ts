import type { CapacityRule, CollectionDef } from '@scene/schema';
import { conflict } from '../../http/errors';
import { own, ownPath } from '../../own';
import type { PluginContext } from './context';
import { evaluateFilter, type Filter } from './filter';
import type { StoredRecord } from './types';
import { releaseSeats, seatKey, takeSeat } from './seats';

function ruleId(i: number, key: string): string {
  return `cap:${i}:${key}`;
}

/** A capacity limit from the manifest: a number, or bound to the installation's configuration. */
export function resolveLimit(
  ctx: PluginContext,
  limit: CapacityRule['limit'],
  doc: Record<string, unknown>,
): number {
  if (typeof limit === 'number') return limit;
  const path = limit.bind.split('.');
  if (path[0] !== 'config') return 0;
  // `by`: the config value is an object with one limit per value of a record field (per meal).
  const by = (limit as { by?: string }).by;
  if (by !== undefined) path.push(String(own(doc, by)));
  const v = ownPath(ctx.plugin.config, path.slice(1));
  // An unconfigured limit books nothing rather than everything.
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function applies(ctx: PluginContext, rule: CapacityRule, doc: Record<string, unknown>): boolean {
  return evaluateFilter(rule.where, doc, ctx.vars);
}

function keyOf(
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
    const was = before !== undefined && applies(ctx, rule, before);
    const is = applies(ctx, rule, after);
    const oldKey = was ? keyOf(ctx, collection, i, rule, before!) : '';
    const newKey = keyOf(ctx, collection, i, rule, after);
    const sameKey = was && is && oldKey === newKey;
    if (was && !sameKey) toFree.push(ruleId(i, oldKey));
    if (!is || sameKey) continue;
    const ok = await takeSeat(ctx.db, {
      key: newKey,
      limit: resolveLimit(ctx, rule.limit, after),
      communityId: ctx.communityId,
      recordId,
      rule: ruleId(i, newKey),
    });
    if (!ok) {
      await undoCapacity(ctx, recordId, taken);
      throw conflict(rule.message?.en ?? 'No places left.', {
        code: 'capacity_full',
        message: rule.message ?? { 'zh-CN': '名额已满。', en: 'No places left.' },
      });
    }
    taken.push(ruleId(i, newKey));
  }
  return { taken, toFree };
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

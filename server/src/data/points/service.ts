import type { PointsAward } from '@scene/schema';
import type { mongo } from 'mongoose';
import { badRequest } from '../../http/errors';
import { ownPath } from '../../own';
import type { PluginContext } from '../records/context';
import { hasScope } from '../records/roles';
import { append, balanceOf, ledger, type LedgerEntry } from './ledger';

export const MAX_AWARD = 100_000;

/**
 * Reads `amount` (a number, `{bind: "config.x"}` or `{bind: "item.x"}`) times `rate` (default 1)
 * as a whole number of points: 2.5 hours at 10 points an hour pay 25.
 */
export function resolveAmount(
  ctx: PluginContext,
  award: Pick<PointsAward, 'amount' | 'rate'>,
  item: Record<string, unknown>,
): number {
  const amount = numberOf(ctx, award.amount, item);
  const rate = award.rate === undefined ? 1 : numberOf(ctx, award.rate, item);
  const points = Math.round(amount * rate);
  return Number.isSafeInteger(points) ? points : 0;
}

function numberOf(
  ctx: PluginContext,
  value: PointsAward['amount'],
  item: Record<string, unknown>,
): number {
  if (typeof value === 'number') return value;
  const [root, ...path] = value.bind.split('.');
  const v = ownPath(
    root === 'config' ? ctx.plugin.config : root === 'item' ? item : undefined,
    path,
  );
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/**
 * Pays the points an action declares, once per (action, record, recipient) whatever the retries.
 * Plugins without the `points:award` permission pay nothing.
 */
export async function awardForAction(
  ctx: PluginContext,
  action: string,
  award: PointsAward | undefined,
  record: Record<string, unknown> & { _id: string; createdBy: string },
): Promise<LedgerEntry | null> {
  if (!award || !hasScope(ctx.manifest, 'points:award')) return null;
  const recipient = award.to === 'owner' ? record.createdBy : ctx.caller?.accountId;
  const amount = Math.min(resolveAmount(ctx, award, record), MAX_AWARD);
  if (!recipient || amount <= 0) return null;
  const r = await append(ctx.db, {
    communityId: ctx.communityId,
    accountId: recipient,
    delta: amount,
    kind: 'earn',
    pluginId: ctx.plugin.pluginId,
    action,
    recordId: record._id,
    idemKey: `award:${ctx.plugin.pluginId}:${action}:${record._id}:${recipient}`,
    reason: award.reason,
  });
  return r.ok ? r.entry : null;
}

export interface PointsHistoryPage {
  balance: number;
  entries: Array<Omit<LedgerEntry, '_id' | 'communityId' | 'idemKey'> & { id: string }>;
  nextCursor: string | null;
}

/** A resident's balance and history in one community, newest first, paged by sequence number. */
export async function pointsOf(
  db: mongo.Db,
  communityId: string,
  accountId: string,
  page: { cursor?: string; limit?: number },
): Promise<PointsHistoryPage> {
  const limit = Math.min(Math.max(Number(page.limit ?? 20) || 20, 1), 100);
  const filter: mongo.Filter<LedgerEntry> = { communityId, accountId };
  if (page.cursor !== undefined) {
    const before = Number(page.cursor);
    if (!Number.isSafeInteger(before) || before < 0) throw badRequest('The cursor is not valid.');
    filter.seq = { $lt: before };
  }
  const rows = await ledger(db)
    .find(filter, { sort: { seq: -1 }, limit: limit + 1 })
    .toArray();
  const entries = rows
    .slice(0, limit)
    .map(({ _id, communityId: _c, idemKey: _k, ...rest }) => ({ id: _id, ...rest }));
  const more = rows.length > limit;
  return {
    balance: await balanceOf(db, communityId, accountId),
    entries,
    nextCursor: more ? String(entries[entries.length - 1]!.seq) : null,
  };
}

/** Points awarded and redeemed through one plugin in one community (metrics). */
export async function pointsTotals(db: mongo.Db, communityId: string, pluginId: string) {
  const rows = await ledger(db)
    .aggregate<{ _id: string; total: number }>([
      { $match: { communityId, pluginId } },
      { $group: { _id: '$kind', total: { $sum: '$delta' } } },
    ])
    .toArray();
  const by = Object.fromEntries(rows.map((r) => [r._id, r.total]));
  return { awarded: by.earn ?? 0, redeemed: -(by.spend ?? 0) - (by.refund ?? 0) };
}

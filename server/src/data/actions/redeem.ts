import type { RedeemAction } from '@scene/schema';
import { badRequest, conflict, validationFailed } from '../../http/errors';
import { own, ownPath } from '../../own';
import type { PluginContext } from '../records/context';
import { collectionDef } from '../records/context';
import { presentOne } from '../privacy/clear';
import { deliver } from '../notifications/service';
import { append } from '../points/ledger';
import { hasScope } from '../records/roles';
import { insertRecord, newRecord, type NumberedInsert } from '../records/write';
import type { StoredRecord } from '../records/types';
import { releaseSeats, seatKey, takeSeat } from '../records/seats';
import { serverValues, validateInput, withoutSystemFields, type ActionResult } from './common';
import { insertNumbered } from './numbering';

interface CatalogItem {
  id: string;
  points: number;
  stock?: number;
  perUserLimit?: number;
}

const MAX_QUANTITY = 20;

function catalog(ctx: PluginContext, action: RedeemAction): CatalogItem[] {
  const v = own(ctx.vars, action.catalog.bind);
  const raw = Array.isArray(v)
    ? v
    : ownPath(ctx.plugin.config, action.catalog.bind.split('.').slice(1));
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (i): i is CatalogItem =>
      typeof i === 'object' &&
      i !== null &&
      typeof i.id === 'string' &&
      Number.isSafeInteger(i.points) &&
      i.points >= 0,
  );
}

/**
 * Spends points on a catalog item. Order of steps, each undone if a later one fails (no
 * transaction needed): take `quantity` stock seats, take per-user seats, append the spend to the
 * ledger (refused when the balance is short), insert the order record.
 */
export async function runRedeem(
  ctx: PluginContext,
  name: string,
  action: RedeemAction,
  input: unknown,
): Promise<ActionResult> {
  if (!hasScope(ctx.manifest, 'points:spend'))
    throw conflict('This plugin may not spend points.', { code: 'no_permission' });
  const raw = (input ?? {}) as Record<string, unknown>;
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw validationFailed('The input must be an object.');
  const { itemId, quantity: q, ...rest } = raw;
  const extra = action.input ? validateInput(ctx, name, raw) : rest;
  if (!action.input && Object.keys(rest).length > 0)
    throw validationFailed('Only itemId and quantity may be given.');
  if (typeof itemId !== 'string' || itemId.length > 64)
    throw validationFailed('Choose an item (itemId).');
  const quantity = q === undefined ? 1 : q;
  if (
    !Number.isSafeInteger(quantity) ||
    (quantity as number) < 1 ||
    (quantity as number) > MAX_QUANTITY
  ) {
    throw validationFailed(`The quantity is a whole number from 1 to ${MAX_QUANTITY}.`);
  }
  const n = quantity as number;
  const item = catalog(ctx, action).find((i) => i.id === itemId);
  if (!item) throw badRequest('No such item.', { code: 'unknown_item' });
  const accountId = ctx.caller!.accountId;
  const set = action.set;
  const fields = {
    ...withoutSystemFields(extra),
    ...(await serverValues(ctx, set)),
    itemId,
    points: item.points * n,
    quantity: n,
  };
  const seats: {
    rule: string;
    limit: number;
    key: unknown[];
    code: string;
    en: string;
    zh: string;
  }[] = [];
  if (item.stock !== undefined) {
    seats.push({
      rule: `stock:${itemId}`,
      limit: item.stock,
      key: ['stock', ctx.communityId, ctx.plugin.pluginId, itemId],
      code: 'out_of_stock',
      en: 'Out of stock.',
      zh: '库存不足。',
    });
  }
  if (item.perUserLimit !== undefined) {
    seats.push({
      rule: `user:${itemId}`,
      limit: item.perUserLimit,
      key: ['user', ctx.communityId, ctx.plugin.pluginId, itemId, accountId],
      code: 'limit_reached',
      en: 'You have reached the limit for this item.',
      zh: '已达到个人兑换上限。',
    });
  }
  const cost = item.points * n;
  const undo = (doc: StoredRecord) => releaseSeats(ctx.db, doc._id);
  // Seats and points are taken for the order's id, so an order whose number someone else took
  // first gives them back and takes them again under the next number (numbering.ts).
  const take = async (doc: StoredRecord, num?: NumberedInsert): Promise<void> => {
    for (const s of seats) {
      for (let i = 0; i < n; i++) {
        const ok = await takeSeat(ctx.db, {
          key: seatKey(s.key),
          limit: s.limit,
          communityId: ctx.communityId,
          recordId: doc._id,
          rule: s.rule,
        });
        if (!ok) {
          await undo(doc);
          throw conflict(s.en, { code: s.code, message: { 'zh-CN': s.zh, en: s.en } });
        }
      }
    }
    if (cost > 0) {
      const spent = await append(ctx.db, {
        communityId: ctx.communityId,
        accountId,
        delta: -cost,
        kind: 'spend',
        pluginId: ctx.plugin.pluginId,
        action: name,
        recordId: doc._id,
        idemKey: `redeem:${ctx.plugin.pluginId}:${doc._id}`,
      });
      if (!spent.ok) {
        await undo(doc);
        throw conflict('Not enough points.', {
          code: 'insufficient_points',
          balance: spent.balance,
          cost,
          message: { 'zh-CN': '积分不足。', en: 'Not enough points.' },
        });
      }
    }
    try {
      await insertRecord(ctx, action.collection, doc, undefined, num);
    } catch (err) {
      if (cost > 0) {
        await append(ctx.db, {
          communityId: ctx.communityId,
          accountId,
          delta: cost,
          kind: 'refund',
          pluginId: ctx.plugin.pluginId,
          action: name,
          recordId: doc._id,
          idemKey: `redeem-undo:${ctx.plugin.pluginId}:${doc._id}`,
        });
      }
      await undo(doc);
      throw err;
    }
  };
  const doc = newRecord(ctx, action.collection, fields);
  await insertNumbered(ctx, action.collection, doc, set, take);
  await deliver(ctx, action.notify, doc);
  const def = collectionDef(ctx, action.collection);
  return {
    status: 201,
    body: { record: await presentOne(ctx, def, action.collection, name, doc), pointsSpent: cost },
  };
}

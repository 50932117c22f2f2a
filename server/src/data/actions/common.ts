import { isDuplicateKey } from '../../db/claims';
import { randomInt } from 'node:crypto';
import type { mongo } from 'mongoose';
import {
  getActionValidator,
  isTimeAnchor,
  relativeValue,
  type ActionDef,
  type ServerValue,
} from '@scene/schema';
import { HttpError, validationFailed } from '../../http/errors';
import { own } from '../../own';
import type { PluginContext } from '../records/context';
import { CODES, SYSTEM_FIELDS } from '../records/names';
import type { StoredRecord } from '../records/types';

export interface ActionResult {
  status: 200 | 201;
  body: Record<string, unknown>;
}

/** Validates an action's input with the plugin version's cached compiled validator. */
export function validateInput(
  ctx: PluginContext,
  name: string,
  input: unknown,
): Record<string, unknown> {
  const result = getActionValidator(ctx.manifest, name)(input ?? {});
  if (!result.ok)
    throw validationFailed('The input does not match this action.', { issues: result.errors });
  return { ...(input as Record<string, unknown>) };
}

/** Values the server fills in (`set`): literals, or the caller and the clock. */
export async function serverValues(
  ctx: PluginContext,
  collection: string,
  set: Record<string, ServerValue> | undefined,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(set ?? {})) {
    if (SYSTEM_FIELDS.has(field) || field.startsWith('_')) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'var' in value) {
      const v = value.var;
      if (v === 'user.id') out[field] = ctx.caller?.accountId ?? null;
      else if (v === 'user.displayName') out[field] = ctx.caller?.displayName ?? null;
      else if (v === 'user.household')
        out[field] = ctx.caller
          ? await ctx.deps.households.household(ctx.communityId, ctx.caller.accountId)
          : null;
      else if (v === 'actor.id') out[field] = ctx.actor?.accountId ?? null;
      else if (v === 'actor.displayName') out[field] = ctx.actor?.displayName ?? null;
      else if (isTimeAnchor(v))
        out[field] = relativeValue(v, ctx.now, ctx.timeZone, value.offset, value.as);
      else if (v === 'code') out[field] = await claimCode(ctx, collection);
      else if (v === 'seq') out[field] = await claimSequence(ctx, collection);
      else if (typeof v === 'string' && v.startsWith('config.'))
        out[field] = own(ctx.vars, v) ?? null;
    } else {
      out[field] = structuredClone(value);
    }
  }
  return out;
}

/**
 * A 6-digit code (ticket numbers, write-off codes) unique among the collection's records in the
 * community. Like every "exactly once" rule here it is claimed by inserting its key as a unique
 * `_id`; a collision just draws another code.
 */
export async function claimCode(ctx: PluginContext, collection: string): Promise<string> {
  const codes = ctx.db.collection<{ _id: string; at: Date }>(CODES);
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    try {
      await codes.insertOne({
        _id: `${ctx.manifest.id}|${collection}|${ctx.communityId}|${code}`,
        at: ctx.now,
      });
      return code;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  throw new HttpError(503, 'busy', 'No free code could be found; please try again.');
}

/** Where the numbering of one collection in one community stands (a hint, never the truth). */
interface SequenceHint {
  _id: string;
  last: number;
}

/**
 * The record's number in its collection and community (1, 2, 3…: "报修 #0042"). Number `n` is
 * claimed by inserting its key as a unique `_id`, so two requests never get the same one; where
 * to start is read by `_id` from a hint that only ever saves a few tries (it may lag behind when
 * requests race, never skip ahead), so no request scans the claims.
 */
export async function claimSequence(ctx: PluginContext, collection: string): Promise<number> {
  const claims = ctx.db.collection<{ _id: string; at: Date }>(CODES);
  const hints = ctx.db.collection<SequenceHint>(CODES);
  const key = `${ctx.manifest.id}|${collection}|${ctx.communityId}|#`;
  let n = ((await hints.findOne({ _id: key }))?.last ?? 0) + 1;
  for (let attempt = 0; attempt < 200; attempt++, n++) {
    try {
      await claims.insertOne({ _id: `${key}${n}`, at: ctx.now });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      continue;
    }
    await saveHint(hints, key, n);
    return n;
  }
  throw new HttpError(503, 'busy', 'Too many people are doing this at once. Please try again.');
}

async function saveHint(
  hints: mongo.Collection<SequenceHint>,
  key: string,
  n: number,
): Promise<void> {
  const moved = await hints.updateOne({ _id: key, last: { $lt: n } }, { $set: { last: n } });
  if (moved.matchedCount > 0) return;
  try {
    await hints.insertOne({ _id: key, last: n });
  } catch (err) {
    // Someone else's hint is already there (and at least as far along, or about to be).
    if (!isDuplicateKey(err)) throw err;
  }
}

/** Drops keys an input may never set, whatever a schema says. */
export function withoutSystemFields(
  input: Record<string, unknown>,
  workflowField?: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (SYSTEM_FIELDS.has(k) || k.startsWith('_') || k === workflowField) continue;
    out[k] = v;
  }
  return out;
}

export function actionNamed(ctx: PluginContext, name: string): ActionDef | undefined {
  return own(ctx.manifest.actions, name);
}

export type { StoredRecord };

import { isDuplicateKey } from '../../db/claims';
import { randomInt } from 'node:crypto';
import type { mongo } from 'mongoose';
import {
  getActionValidator,
  isTimeAnchor,
  localDate,
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
  recordId?: string,
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
      else if (v === 'code') out[field] = await claimCode(ctx, collection, recordId);
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
 * `{"var": "item.<date field>", "as": "month"}` in a create's `set`: the local month (`YYYY-MM`)
 * of a date of the new record, read once input, `set` and `parent.copy` have filled it — the
 * month a meal is for, not the month it was booked in. A stored date is a local day already; a
 * timestamp is read in the community's zone.
 */
export function recordMonths(
  ctx: PluginContext,
  set: Record<string, ServerValue> | undefined,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(set ?? {})) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !('var' in value))
      continue;
    if (!value.var.startsWith('item.') || value.as !== 'month') continue;
    const date = own(fields, value.var.slice(5));
    out[field] =
      typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date)
        ? date.slice(0, 7)
        : typeof date === 'string' && !Number.isNaN(Date.parse(date))
          ? localDate(new Date(date), ctx.timeZone).slice(0, 7)
          : null;
  }
  return out;
}

/** A claimed code; `record` names the record it was drawn for (claims of older records lack it). */
export interface CodeClaim {
  _id: string;
  at: Date;
  record?: string;
}

export const codeKey = (ctx: PluginContext, collection: string, code: string): string =>
  `${ctx.manifest.id}|${collection}|${ctx.communityId}|${code}`;

/**
 * A 6-digit code (ticket numbers, write-off codes) unique among the collection's records in the
 * community. Like every "exactly once" rule here it is claimed by inserting its key as a unique
 * `_id`; a collision just draws another code. The claim names the record it is for, so a code
 * typed at a counter (`findBy`) leads to its record by `_id`, with no scan.
 */
export async function claimCode(
  ctx: PluginContext,
  collection: string,
  recordId?: string,
): Promise<string> {
  const codes = ctx.db.collection<CodeClaim>(CODES);
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    try {
      await codes.insertOne({
        _id: codeKey(ctx, collection, code),
        at: ctx.now,
        ...(recordId ? { record: recordId } : {}),
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
 * Where this process last left each numbering (database, plugin, collection, community), so a
 * warm create claims its number in one round trip. Bounded: past the bound the oldest is dropped
 * and read again from the stored hint when next needed.
 */
const lastTaken = new Map<string, number>();
const LAST_TAKEN_BOUND = 10_000;
/** The stored hint moves every this many numbers (and after a collision), not on every create. */
const HINT_EVERY = 10;

/**
 * The record's number in its collection and community (1, 2, 3…: "报修 #0042"). Number `n` is
 * claimed by inserting its key as a unique `_id`, so two requests never get the same one. Where
 * to start comes from this process's memory, or else from a stored hint read by `_id`; both may
 * lag behind (another process took numbers, a hint saved only every few numbers), never run
 * ahead, so a lag costs a few tries and nothing scans the claims.
 */
export async function claimSequence(ctx: PluginContext, collection: string): Promise<number> {
  const claims = ctx.db.collection<{ _id: string; at: Date }>(CODES);
  const hints = ctx.db.collection<SequenceHint>(CODES);
  const key = `${ctx.manifest.id}|${collection}|${ctx.communityId}|#`;
  const memoryKey = `${ctx.db.databaseName}|${key}`;
  let n = (lastTaken.get(memoryKey) ?? (await hints.findOne({ _id: key }))?.last ?? 0) + 1;
  let collided = false;
  for (let attempt = 0; attempt < 200; attempt++, n++) {
    try {
      await claims.insertOne({ _id: `${key}${n}`, at: ctx.now });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      collided = true;
      continue;
    }
    remember(memoryKey, n);
    if (collided || n % HINT_EVERY === 0) await saveHint(hints, key, n);
    return n;
  }
  throw new HttpError(503, 'busy', 'Too many people are doing this at once. Please try again.');
}

function remember(memoryKey: string, n: number): void {
  if ((lastTaken.get(memoryKey) ?? 0) >= n) return;
  lastTaken.delete(memoryKey);
  if (lastTaken.size >= LAST_TAKEN_BOUND) lastTaken.delete(lastTaken.keys().next().value!);
  lastTaken.set(memoryKey, n);
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

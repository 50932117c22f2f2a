import { createHmac, randomBytes } from 'node:crypto';
import { relativeValue, type CreateAction, type OnceDef } from '@scene/schema';
import { isDuplicateKey } from '../../db/claims';
import { conflict } from '../../http/errors';
import { own } from '../../own';
import type { PluginContext } from '../records/context';
import { ONCE_CLAIMS } from '../records/names';
import type { StoredRecord } from '../records/types';

/** What an anonymous record names as its author: nobody. */
export const ANONYMOUS = 'anonymous';

/** Whether this installation's `once` action writes anonymous records (a literal or a config value). */
export function isAnonymous(ctx: PluginContext, once: OnceDef | undefined): boolean {
  const a = once?.anonymous;
  if (a === undefined || a === false) return false;
  if (a === true) return true;
  return own(ctx.vars, a.bind) === true;
}

/**
 * The claim key: HMAC-SHA256 under the server's participation secret over community, plugin,
 * action, parent record (and `per` value) and person (or visitor's browser). Without the secret nobody — not the database's reader, not
 * an export — can tell whose claim it is or test a person against it.
 */
function claimKey(ctx: PluginContext, name: string, scope: string, who: string): string {
  return createHmac('sha256', ctx.deps.participationSecret)
    .update(JSON.stringify([ctx.communityId, ctx.plugin.pluginId, name, scope, who]))
    .digest('base64url');
}

/**
 * The claim's id for the caller (a member by account, a visitor by browser id, in a namespace of
 * its own so no browser id can meet an account id) and this action's parent and `per` value.
 */
function onceKey(
  ctx: PluginContext,
  name: string,
  action: CreateAction,
  fields: Record<string, unknown>,
): string | undefined {
  const who = ctx.caller ? ctx.caller.accountId : ctx.visitor ? `visitor:${ctx.visitor}` : null;
  if (!action.once || !who) return undefined;
  const parent = action.parent ? fields[action.parent.field] : undefined;
  const per = action.once.per ? fields[action.once.per] : undefined;
  return claimKey(ctx, name, JSON.stringify([parent ?? null, per ?? null]), who);
}

/**
 * Whether the caller has used their one answer already (a read of one claim by its `_id`): the
 * form says so on opening instead of after a second try. `fields` holds what keys the claim —
 * the parent's id and what `set` fills; a `per` field only the input gives is unknown
 * (`undefined`).
 */
export async function hasAnswered(
  ctx: PluginContext,
  name: string,
  action: CreateAction,
  fields: Record<string, unknown>,
): Promise<boolean | undefined> {
  if (action.once?.per && fields[action.once.per] === undefined) return undefined;
  const _id = onceKey(ctx, name, action, fields);
  if (!_id) return undefined;
  const found = await ctx.db
    .collection<{ _id: string }>(ONCE_CLAIMS)
    .findOne({ _id }, { projection: { _id: 1 } });
  return found !== null;
}

/**
 * Claims the caller's one answer before the record is written (an insert into a unique key, so
 * two concurrent answers cannot both pass); a second one is a 409 `already_done`. Returns the
 * claim's id, to give back if the write then fails.
 */
export async function claimOnce(
  ctx: PluginContext,
  name: string,
  action: CreateAction,
  fields: Record<string, unknown>,
): Promise<string | undefined> {
  const _id = onceKey(ctx, name, action, fields);
  if (!action.once || !_id) return undefined;
  try {
    await ctx.db
      .collection<{ _id: string; communityId: string; pluginId: string }>(ONCE_CLAIMS)
      .insertOne({ _id, communityId: ctx.communityId, pluginId: ctx.plugin.pluginId });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const message = action.once.message ?? {
      'zh-CN': '您已经提交过，不能重复提交。',
      en: 'You have already done this.',
    };
    throw conflict(message.en, { code: 'already_done', message });
  }
  return _id;
}

/** Gives a claim back after the record it was taken for could not be written. */
export async function releaseOnce(ctx: PluginContext, claim: string | undefined): Promise<void> {
  if (claim) await ctx.db.collection<{ _id: string }>(ONCE_CLAIMS).deleteOne({ _id: claim });
}

/**
 * Strips an anonymous record of what could link it to a person: the author and whoever acted
 * for them, an id that would carry its creation second (an ObjectId's first four bytes), and
 * times finer than the community's local day.
 */
export function anonymize(ctx: PluginContext, doc: StoredRecord): StoredRecord {
  const day = String(relativeValue('startOfDay', ctx.now, ctx.timeZone));
  const out: StoredRecord = {
    ...doc,
    _id: randomBytes(12).toString('hex'),
    createdBy: ANONYMOUS,
    createdAt: day,
    updatedAt: day,
  };
  delete out.actedBy;
  return out;
}

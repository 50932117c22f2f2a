// "Have I answered?" for an action with `once`: the form says so on opening, before a second try.
import { visitorsWelcome } from '@scene/schema';
import { notFound } from '../../http/errors';
import { loadContext } from '../records/context';
import type { Caller } from '../records/roles';
import type { DataPlaneDeps } from '../records/types';
import { actionNamed, serverValues } from './common';
import { hasAnswered } from './once';

export interface OnceStatusRequest {
  communityId: string;
  pluginId: string;
  action: string;
  /** A member of the community, or null for anyone else. */
  caller: Caller;
  /** A visitor's browser id from a valid participation cookie. */
  visitor?: string;
  /** The parent record the answer would be for (the action's `parent`). */
  parent?: string;
}

/**
 * Whether the caller used their one answer: `true`/`false`, or `null` when it cannot be told
 * (the claim is keyed by an input value, or nobody to key it by). A visitor is keyed by their
 * browser only where the action takes visitors; reading never sets a cookie.
 */
export async function onceStatus(
  deps: DataPlaneDeps,
  req: OnceStatusRequest,
): Promise<{ done: boolean | null }> {
  const ctx = await loadContext(deps, req.communityId, req.pluginId, req.caller, 'read');
  const action = actionNamed(ctx, req.action);
  if (!action || action.type !== 'create' || !action.once)
    throw notFound(`No action "${req.action}" that takes one answer in this plugin.`);
  const visitor =
    !req.caller && visitorsWelcome(action, ctx.plugin.config) ? req.visitor : undefined;
  if (!req.caller && !visitor) return { done: false };
  const fields: Record<string, unknown> = { ...(await serverValues(ctx, action.set)) };
  if (action.parent) {
    if (req.parent === undefined) return { done: null };
    fields[action.parent.field] = req.parent;
  }
  const done = await hasAnswered({ ...ctx, visitor }, req.action, action, fields);
  return { done: done ?? null };
}

import { badRequest, forbidden, notFound, unauthorized } from '../../http/errors';
import { checkEligible, subjectOf } from '../people/acting';
import { loadContext } from '../records/context';
import { holdsAny, type Caller } from '../records/roles';
import type { DataPlaneDeps } from '../records/types';
import { actionNamed, type ActionResult } from './common';
import { runCreate } from './create';
import { runDelete, runUpdate } from './change';
import { withIdempotency } from './idempotency';
import { isAnonymous } from './once';
import { runRedeem } from './redeem';
import { runTransition } from './transition';

export interface ActionRequest {
  communityId: string;
  pluginId: string;
  action: string;
  caller: Caller;
  recordId?: unknown;
  input?: unknown;
  /** Kept in the workflow history of a transition. */
  comment?: unknown;
  idempotencyKey?: string;
  /** Run the action for this linked family member (the action must allow `onBehalf`). */
  forAccountId?: string;
}

/**
 * The only way to write plugin data: a named action of an enabled installation, run by a caller
 * holding one of the action's roles, with input validated against the action's schema. The
 * community and plugin come from the URL and the installation, never from the body.
 */
export async function runAction(
  deps: DataPlaneDeps,
  req: ActionRequest,
): Promise<ActionResult & { replayed?: boolean }> {
  if (!req.caller) throw unauthorized();
  const own = await loadContext(deps, req.communityId, req.pluginId, req.caller, 'write');
  const action = actionNamed(own, req.action);
  if (!action) throw notFound(`No action "${req.action}" in this plugin.`);
  // Acting for a family member: the action runs as them (their roles, `user.id`, eligibility).
  const subject = await subjectOf(deps, req.communityId, req.caller, action, req.forAccountId);
  const ctx =
    subject === req.caller
      ? own
      : await loadContext(deps, req.communityId, req.pluginId, subject, 'write', req.caller);
  if (!holdsAny(ctx.roles, action.roles)) throw forbidden();
  checkEligible(ctx, action);
  if (
    req.input !== undefined &&
    (typeof req.input !== 'object' || req.input === null || Array.isArray(req.input))
  ) {
    throw badRequest('input must be an object.');
  }
  const run = (): Promise<ActionResult> => {
    switch (action.type) {
      case 'create':
        return runCreate(ctx, req.action, action, req.input);
      case 'update':
        return runUpdate(ctx, req.action, action, req.recordId, req.input);
      case 'delete':
        return runDelete(ctx, req.action, action, req.recordId, req.input);
      case 'transition':
        return runTransition(ctx, req.action, action, req.recordId, req.input, req.comment);
      case 'redeem':
        return runRedeem(ctx, req.action, action, req.input);
    }
  };
  // A stored answer to an Idempotency-Key names the caller beside the record it made; an
  // anonymous record must not be linked to anyone, and its `once` claim already makes a retry
  // harmless (the retry is refused, nothing is written twice).
  if (action.type === 'create' && isAnonymous(ctx, action.once)) return run();
  return withIdempotency(
    ctx.db,
    {
      accountId: req.caller.accountId,
      communityId: req.communityId,
      pluginId: req.pluginId,
      action: req.action,
    },
    req.idempotencyKey,
    {
      recordId: req.recordId ?? null,
      input: req.input ?? null,
      comment: req.comment ?? null,
      forAccountId: req.forAccountId ?? null,
    },
    run,
  );
}

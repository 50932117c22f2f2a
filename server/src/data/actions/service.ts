import { mayRunAction, visitorsWelcome, type ActionDef } from '@scene/schema';
import { badRequest, forbidden, HttpError, notFound } from '../../http/errors';
import { checkEligible, subjectOf } from '../people/acting';
import { loadContext, settleNotes, type PluginContext } from '../records/context';
import type { Caller } from '../records/roles';
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
  /**
   * For a caller who is no member: their browser's id (the participation cookie), asked for
   * only when the action turns out to be open to visitors (`once.visitors`).
   */
  visitor?: () => string;
  /** Signed in, but no member of this community (refused as before where visitors are not welcome). */
  signedIn?: boolean;
}

/** A visitor (no membership) on an action only members may run: sign in first, in words. */
const membersOnly = () =>
  new HttpError(401, 'unauthorized', 'Only members of this community may do this; sign in first.', {
    code: 'members_only',
    message: {
      'zh-CN': '仅限本社区居民参与，请先登录。',
      en: 'Only residents of this community may take part. Please sign in first.',
    },
  });

/** Signed in but no member: 403, as before; not signed in: sign in first. */
const notMember = (req: ActionRequest) =>
  req.signedIn ? forbidden('You are not a member of this community.') : membersOnly();

/**
 * The only way to write plugin data: a named action of an enabled installation, run by a caller
 * holding one of the action's roles, with input validated against the action's schema. The
 * community and plugin come from the URL and the installation, never from the body.
 */
export async function runAction(
  deps: DataPlaneDeps,
  req: ActionRequest,
): Promise<ActionResult & { replayed?: boolean }> {
  // Someone who is no member learns nothing of what is installed here: what is not open to
  // visitors, or not there at all, is refused alike (as before visitors were let in).
  const own = await loadContext(deps, req.communityId, req.pluginId, req.caller, 'write').catch(
    (err: unknown) => {
      throw !req.caller && err instanceof HttpError && err.status === 404 ? notMember(req) : err;
    },
  );
  const action = actionNamed(own, req.action);
  if (!action) {
    if (!req.caller) throw notMember(req);
    throw notFound(`No action "${req.action}" in this plugin.`);
  }
  if (!req.caller) return runAsVisitor(own, req, action);
  // Acting for a family member: the action runs as them (their roles, `user.id`, eligibility).
  const subject = await subjectOf(deps, req.communityId, req.caller, action, req.forAccountId);
  const ctx =
    subject === req.caller
      ? own
      : await loadContext(deps, req.communityId, req.pluginId, subject, 'write', req.caller);
  if (!mayRunAction(ctx.roles, action, ctx.plugin.config)) throw forbidden();
  checkEligible(ctx, action);
  checkInput(req.input);
  const run = (): Promise<ActionResult> => dispatch(ctx, req, action);
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

/**
 * A visitor's create on an action open to visitors: no family, no Idempotency-Key (its stored
 * answer would have to name the browser); the `once` claim, keyed by the browser's id, makes a
 * retry harmless.
 */
async function runAsVisitor(
  ctx: PluginContext,
  req: ActionRequest,
  action: ActionDef,
): Promise<ActionResult> {
  if (!visitorsWelcome(action, ctx.plugin.config) || !req.visitor) throw notMember(req);
  if (req.forAccountId !== undefined) throw forbidden('A visitor cannot act for someone else.');
  checkEligible(ctx, action);
  checkInput(req.input);
  return dispatch({ ...ctx, visitor: req.visitor() }, req, action);
}

function checkInput(input: unknown): void {
  if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input)))
    throw badRequest('input must be an object.');
}

/** Runs the action; its record writes' notes overlap its other writes (settleNotes). */
function dispatch(
  ctx: PluginContext,
  req: ActionRequest,
  action: ActionDef,
): Promise<ActionResult> {
  return settleNotes(ctx, (c) => dispatchKind(c, req, action));
}

function dispatchKind(
  ctx: PluginContext,
  req: ActionRequest,
  action: ActionDef,
): Promise<ActionResult> {
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
}

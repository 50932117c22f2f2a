import type { ActionDef } from '@scene/schema';
import { HttpError } from '../../http/errors';
import type { CommunityActor } from '../../control/auth/actor';
import { evaluateFilter } from '../records/filter';
import type { PluginContext } from '../records/context';
import type { DataPlaneDeps } from '../records/types';

/**
 * Whom an action runs for: the caller, or the family member named by `forAccountId` when the
 * action allows acting for someone (`onBehalf`) and that person allowed the caller to act for
 * them on a live link — checked on every call, so a revoked link stops the next action.
 */
export async function subjectOf(
  deps: DataPlaneDeps,
  communityId: string,
  caller: CommunityActor,
  action: ActionDef,
  forAccountId: string | undefined,
): Promise<CommunityActor> {
  if (forAccountId === undefined || forAccountId === caller.accountId) return caller;
  if (!action.onBehalf)
    throw new HttpError(403, 'no_on_behalf', 'This cannot be done for someone else.', {
      code: 'no_on_behalf',
      message: { 'zh-CN': '此操作不能代他人办理。', en: 'This cannot be done for someone else.' },
    });
  return personActedFor(deps, communityId, caller, forAccountId);
}

/**
 * The family member a caller acts for, when they allowed it on a live link: an action runs as
 * them, and a booking page's figures (hours left, a pause) are theirs, read the same way.
 */
export async function personActedFor(
  deps: DataPlaneDeps,
  communityId: string,
  caller: CommunityActor,
  forAccountId: string,
): Promise<CommunityActor> {
  if (forAccountId === caller.accountId) return caller;
  const allowed = await deps.households.mayActFor(communityId, caller.accountId, forAccountId);
  const subject = allowed ? await deps.members.member(communityId, forAccountId) : null;
  if (!subject)
    throw new HttpError(
      403,
      'not_allowed_to_act',
      'That person has not allowed you to act for them.',
      {
        code: 'not_allowed_to_act',
        message: {
          'zh-CN': '对方没有授权您代为办理（或已取消授权）。',
          en: 'That person has not allowed you to act for them (or no longer does).',
        },
      },
    );
  return subject;
}

/**
 * Refuses an action whose `eligible` rule the person it is for does not meet, with the plugin's
 * reason. The rule reads the attributes the operator recorded (`member.*`); unrecorded ones do
 * not match.
 */
export function checkEligible(ctx: PluginContext, action: ActionDef): void {
  if (!action.eligible) return;
  const member = { member: ctx.caller?.attributes ?? {} };
  if (evaluateFilter(action.eligible, member, ctx.vars)) return;
  const message = action.eligibleMessage ?? {
    'zh-CN': '您不符合办理条件。',
    en: 'You are not eligible for this.',
  };
  throw new HttpError(403, 'not_eligible', message.en, { code: 'not_eligible', message });
}

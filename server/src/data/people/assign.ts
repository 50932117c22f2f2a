import { holdsRole, membershipRolesHolding, type Transition } from '@scene/schema';
import { forbidden, HttpError, notFound } from '../../http/errors';
import { loadContext, type PluginContext } from '../records/context';
import { holdsAny, type Caller } from '../records/roles';
import type { DataPlaneDeps } from '../records/types';

/** At most this many people are offered in a picker. */
export const MAX_ASSIGNEES = 200;

/**
 * A transition that assigns (`assign: {field, role}`): the chosen account must hold `role` in
 * the community (checked against their membership now, not what the browser was shown).
 */
export async function checkAssignee(
  ctx: PluginContext,
  t: Transition,
  fields: Record<string, unknown>,
): Promise<void> {
  if (!t.assign || fields[t.assign.field] === undefined) return;
  const chosen = fields[t.assign.field];
  const member =
    typeof chosen === 'string' ? await ctx.deps.members.member(ctx.communityId, chosen) : null;
  if (!member || !holdsRole(member.communityRoles, ctx.manifest, t.assign.role))
    throw new HttpError(422, 'not_assignable', 'That person does not hold the role this needs.', {
      code: 'not_assignable',
      message: {
        'zh-CN': '所选人员不具备该角色，不能指派。',
        en: 'That person does not hold the role this needs.',
      },
    });
}

export interface Assignee {
  accountId: string;
  displayName: string;
}

/**
 * Who holds `role` in the community (display names only), for the picker of a transition that
 * assigns to that role. Only callers who may run such a transition may ask, so the list does
 * not tell residents who the staff are.
 */
export async function listAssignees(
  deps: DataPlaneDeps,
  req: { communityId: string; pluginId: string; role: string; caller: Caller },
): Promise<Assignee[]> {
  const ctx = await loadContext(deps, req.communityId, req.pluginId, req.caller, 'read');
  const transitions = Object.values(ctx.manifest.collections).flatMap(
    (c) => c.workflow?.transitions ?? [],
  );
  const assigning = transitions.filter((t) => t.assign?.role === req.role);
  if (assigning.length === 0) throw notFound('No step of this plugin assigns to that role.');
  if (!assigning.some((t) => holdsAny(ctx.roles, t.roles))) throw forbidden();
  const ids = await deps.members.accountsWithRoles(
    req.communityId,
    // The role as the manifest spells it (req.role matched it above).
    membershipRolesHolding(ctx.manifest, assigning[0]!.assign!.role),
    { limit: MAX_ASSIGNEES },
  );
  const names = await deps.members.displayNames(ids);
  return ids
    .map((accountId) => ({ accountId, displayName: names.get(accountId) ?? '' }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
}

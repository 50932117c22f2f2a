// Who may run an action: members by the action's `roles`, visitors (no membership in the
// community) only where a `once` action opens itself to them. The server guards with it, the
// portal asks it before it offers a form, the checker reads the same `once.visitors`.
import { evaluateFilter } from '../filter/evaluate';
import type { ActionDef } from '../manifest/types';
import { holdsAny } from './roles';

/**
 * Whether this installation's action takes visitors: a create action whose `once.visitors` is
 * `true`, or a filter over the installation's `config` that holds (the operator's "everyone
 * with the link").
 */
export function visitorsWelcome(action: ActionDef, config: Record<string, unknown>): boolean {
  if (action.type !== 'create') return false;
  const v = action.once?.visitors;
  if (v === undefined || v === false) return false;
  if (v === true) return true;
  return evaluateFilter(v, { config });
}

/**
 * Whether someone holding `roles` (from `effectiveRoles`) may run the action: one of its
 * `roles`, or anyone at all when `visitorsWelcome` — members then answer as themselves, visitors
 * by their browser.
 */
export function mayRunAction(
  roles: ReadonlySet<string>,
  action: ActionDef,
  config: Record<string, unknown>,
): boolean {
  return holdsAny(roles, action.roles) || visitorsWelcome(action, config);
}

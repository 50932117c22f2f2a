import {
  memberVars,
  compileFilter,
  evaluateFilter,
  timeVars,
  type Filter,
  type FilterVars,
  type MongoFilter,
} from '@scene/schema';
import type { Caller } from './roles';

export { compileFilter, evaluateFilter };
export type { Filter, FilterVars, MongoFilter };

/** Matches nothing; used where no access rule applies. */
export const NOTHING: MongoFilter = { _id: { $in: [] } };

function flattenConfig(value: unknown, path: string, out: FilterVars, depth: number): void {
  if (depth > 5 || path.split('.').length > 6) return;
  if (Array.isArray(value) || typeof value !== 'object' || value === null) {
    out[path] = value;
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) flattenConfig(v, `${path}.${k}`, out, depth + 1);
  }
}

/**
 * Values for `{var}` references: the caller (with the attributes the operator recorded, as
 * `member.*`), the clock read in the community's time zone (`today`, `startOfMonth`… and
 * relative values built on them) and the installation's configuration. `user.actsFor` is added
 * by `loadContext` when the plugin uses it (it costs a read).
 */
export function filterVars(
  caller: Caller,
  roles: Set<string>,
  config: Record<string, unknown>,
  now: Date,
  timeZone: string,
): FilterVars {
  const vars: FilterVars = Object.create(null) as FilterVars;
  if (caller) {
    vars['user.id'] = caller.accountId;
    vars['user.communityId'] = caller.communityId;
    Object.assign(vars, memberVars(caller.attributes));
  }
  vars['user.roles'] = [...roles];
  Object.assign(vars, timeVars(now, timeZone));
  flattenConfig(config, 'config', vars, 0);
  return vars;
}

/** A tree holding every given filter (undefined ones skipped). */
export function allOf(...trees: (Filter | undefined)[]): Filter | undefined {
  const present = trees.filter((t): t is Filter => t !== undefined);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return { all: present };
}

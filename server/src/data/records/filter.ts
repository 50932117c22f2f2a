import {
  memberVars,
  compileFilter,
  evaluateFilter,
  filterTest,
  fromLocal,
  localParts,
  timeVars,
  type Filter,
  type FilterVars,
  type MongoFilter,
} from '@scene/schema';
import type { Caller } from './roles';

export { compileFilter, evaluateFilter, filterTest };
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
  Object.assign(vars, timeVarsOf(now, timeZone));
  Object.assign(vars, configVarsOf(config));
  return vars;
}

/** Per installation's configuration (a new object when it changes): its `config.*` values. */
const configVars = new WeakMap<Record<string, unknown>, FilterVars>();

/** `config.*` of a configuration, flattened once, not on every call (every action and query). */
function configVarsOf(config: Record<string, unknown>): FilterVars {
  // Not an object (no configuration kept): nothing to hold on to, as it was flattened before.
  if (typeof config !== 'object' || config === null) {
    const vars = Object.create(null) as FilterVars;
    flattenConfig(config, 'config', vars, 0);
    return vars;
  }
  let out = configVars.get(config);
  if (!out) {
    out = Object.create(null) as FilterVars;
    flattenConfig(config, 'config', out, 0);
    configVars.set(config, out);
  }
  return out;
}

/** Per zone: the time vars of one local day, and the instants that day runs between. */
const days = new Map<string, { from: number; until: number; vars: Record<string, string> }>();

/**
 * `timeVars`, worked out once per zone and local day: every anchor but `now` changes only at
 * the zone's midnight, and working them out takes a dozen `Intl` formats, measured as the
 * largest share of a create action's own CPU time (issue 18).
 */
function timeVarsOf(now: Date, timeZone: string): Record<string, string> {
  const at = now.getTime();
  let day = days.get(timeZone);
  if (!day || at < day.from || at >= day.until) {
    const vars = timeVars(now, timeZone);
    const p = localParts(now, timeZone);
    day = {
      from: Date.parse(vars.startOfDay!),
      until: fromLocal({ year: p.year, month: p.month, day: p.day + 1 }, timeZone).getTime(),
      vars,
    };
    if (days.size > 1_000) days.clear();
    days.set(timeZone, day);
  }
  return { ...day.vars, now: now.toISOString() };
}

/** A tree holding every given filter (undefined ones skipped). */
export function allOf(...trees: (Filter | undefined)[]): Filter | undefined {
  const present = trees.filter((t): t is Filter => t !== undefined);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return { all: present };
}

import type { CollectionDef } from '@scene/schema';
import type { Filter } from './filter';
import { holdsAny } from './roles';

/**
 * The read rules that apply to a caller, as one filter tree: any rule whose roles the caller
 * holds; a rule without `where` opens the whole collection. `null` when no rule applies, so the
 * caller reads nothing.
 */
export function readAccessTree(def: CollectionDef, roles: Set<string>): Filter | null | 'all' {
  const rules = def.access.read.filter((r) => holdsAny(roles, r.roles));
  if (rules.length === 0) return null;
  if (rules.some((r) => r.where === undefined)) return 'all';
  const wheres = rules.map((r) => r.where as Filter);
  return wheres.length === 1 ? wheres[0]! : { any: wheres };
}

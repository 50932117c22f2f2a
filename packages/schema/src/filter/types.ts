import { TIME_ANCHORS, type TimeAs } from '../time/relative';

/** Comparison operators a filter condition may use; nothing else ever reaches the database. */
export const FILTER_OPS = [
  'eq',
  'ne',
  'in',
  'nin',
  'gt',
  'gte',
  'lt',
  'lte',
  'exists',
  'contains',
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

/**
 * Vars about people (households and member attributes): `user.actsFor` is the caller's own id
 * plus the ids of those who allowed the caller to act for them; `user.household` the opaque key
 * of the caller's household (as `set` stores it); `member.*` are the attributes
 * the operator recorded for the caller (unknown when not recorded).
 */
export const PEOPLE_VAR_NAMES = [
  'user.actsFor',
  'user.household',
  'member.ageBand',
  'member.building',
  'member.unit',
  'member.householdRole',
  'member.tags',
] as const;

/**
 * Variables a filter value may name. `config.<path>` reads the installation's configuration;
 * the time anchors (`now`, `today`, `startOfDay|Week|Month|Year`) are resolved in the community's
 * time zone: `today` is the local date (YYYY-MM-DD), the others ISO-8601 UTC timestamps.
 */
export const FILTER_VAR_NAMES = [
  'user.id',
  'user.communityId',
  'user.roles',
  ...TIME_ANCHORS,
  ...PEOPLE_VAR_NAMES,
] as const;
export type FilterVarName = (typeof FILTER_VAR_NAMES)[number] | `config.${string}`;

export type FilterScalar = string | number | boolean | null;
export type FilterLiteral = FilterScalar | FilterScalar[];
/**
 * A variable. On a time anchor, `offset` (a signed ISO-8601 duration, counted on the local
 * calendar) moves it and `as` converts it: `{"var": "startOfMonth", "offset": "-P1M"}`.
 */
export interface FilterVar {
  var: FilterVarName;
  offset?: string;
  as?: TimeAs;
}
export type FilterValue = FilterLiteral | FilterVar;

/**
 * One comparison. `field` is a dotted path (`status`, `address.building`).
 * `value` is required for every op except `exists` (where it must be a boolean).
 * `in`/`nin` take an array (or a var resolving to one); `gt..lte` take a number or string;
 * `contains` means "the array field holds this element".
 */
export interface FilterCondition {
  field: string;
  op: FilterOp;
  value: FilterValue;
}
export interface FilterAll {
  all: Filter[];
}
export interface FilterAny {
  any: Filter[];
}
export interface FilterNot {
  not: Filter;
}
export type Filter = FilterCondition | FilterAll | FilterAny | FilterNot;

/** Values for `{var}` references, keyed by var name (`user.id`, `config.maxPerDay`, ...). */
export type FilterVars = Record<string, unknown>;

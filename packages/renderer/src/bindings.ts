import {
  DEFAULT_TIME_ZONE,
  effectiveRoles,
  localize,
  memberVars,
  timeVars,
  type Binding,
  type LocalizedText,
} from '@scene/schema';
import type { Locale, RuntimeUser } from './data-source';
import type { RenderScope } from './scope';

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

export function isBinding(value: unknown): value is Binding {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { bind?: unknown }).bind === 'string' &&
    Object.keys(value).length === 1
  );
}

export function isLocalized(value: unknown): value is LocalizedText {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as LocalizedText)['zh-CN'] === 'string' &&
    typeof (value as LocalizedText).en === 'string'
  );
}

/** Reads a dotted path from plain data; never walks into prototypes. */
export function readPath(source: unknown, path: string): unknown {
  let current = source;
  for (const part of path.split('.')) {
    if (part === '' || FORBIDDEN.has(part)) return undefined;
    if (typeof current !== 'object' || current === null) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** The plain object bindings and `when` filters read: `{config, item, user, route}`. */
export function bindingContext(scope: RenderScope, user: RuntimeUser | null) {
  return {
    config: scope.plugin?.config ?? {},
    item: scope.item ?? {},
    user: user ? { id: user.id, displayName: user.displayName, roles: user.roles } : {},
    route: scope.route,
  };
}

/** Replaces every `{bind}` inside `value` (deeply) with the value it names. */
export function resolveValue(
  value: unknown,
  scope: RenderScope,
  user: RuntimeUser | null,
): unknown {
  const ctx = bindingContext(scope, user);
  const walk = (v: unknown, depth: number): unknown => {
    if (depth > 8) return undefined;
    if (isBinding(v)) return readPath(ctx, v.bind);
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    if (typeof v === 'object' && v !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (!FORBIDDEN.has(k)) out[k] = walk(x, depth + 1);
      return out;
    }
    return v;
  };
  return walk(value, 0);
}

/**
 * Variables a `when` filter may name (`{var: "user.id"}`, `{var: "config.x"}`, `now`, `today`,
 * `startOfMonth`…): the clock is read in the community's zone, as the server reads it.
 */
export function filterVars(
  scope: RenderScope,
  user: RuntimeUser | null,
  timeZone = DEFAULT_TIME_ZONE,
): Record<string, unknown> {
  const vars: Record<string, unknown> = timeVars(new Date(), timeZone);
  if (user) {
    vars['user.id'] = user.id;
    // The roles as the server reads them for this plugin (`effectiveRoles`), as in its filters.
    vars['user.roles'] = scope.plugin
      ? [...effectiveRoles(user.roles, scope.plugin.manifest)]
      : user.roles;
    if (user.communityId) vars['user.communityId'] = user.communityId;
    vars['user.actsFor'] = [user.id, ...(user.actsFor ?? []).map((p) => p.id)];
    Object.assign(vars, memberVars(user.attributes));
  }
  const config = scope.plugin?.config ?? {};
  const flatten = (obj: unknown, prefix: string, depth: number) => {
    if (depth > 6 || typeof obj !== 'object' || obj === null || Array.isArray(obj)) return;
    for (const [k, v] of Object.entries(obj)) {
      vars[`${prefix}.${k}`] = v;
      flatten(v, `${prefix}.${k}`, depth + 1);
    }
  };
  flatten(config, 'config', 0);
  return vars;
}

/** A display string for any bound value: localized texts in the reader's language, lists joined. */
export function textOf(value: unknown, locale: Locale): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isLocalized(value)) return localize(value, locale);
  if (Array.isArray(value))
    return value.map((v) => textOf(v, locale)).join(locale === 'en' ? ', ' : '、');
  return '';
}

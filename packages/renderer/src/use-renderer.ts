import type { ActionDef, RoleSource, ViewNode } from '@scene/schema';
import {
  effectiveRoles,
  evaluateFilter,
  holdsAny,
  mayOpenView,
  mayRunQuery,
  nodeQueries,
  visitorsWelcome,
} from '@scene/schema';
import { useDataSource } from './context';
import type { DataSource, NavigateTarget } from './data-source';
import { filterVars, isBinding, resolveValue, textOf } from './bindings';
import { formatValue } from './format';
import { boundField, fieldText, telHref } from './labels';
import { message, type MessageKey, type Words } from './messages';
import type { RenderScope } from './scope';

/** The props every primitive component receives from the node renderer. */
export interface PrimitiveProps {
  node: ViewNode;
  scope: RenderScope;
  /** `node.props` with the bindings this level can see already resolved. */
  resolved: Record<string, unknown>;
}

/**
 * Helpers a primitive uses: localized text, renderer words, navigation, action rights. A
 * primitive loaded on demand passes `moreMessages` so `msg` also knows its words.
 */
export function useRenderer<K extends string = never>(more?: Words<K>) {
  const source = useDataSource();
  return {
    source,
    text: (value: unknown) => textOf(value, source.locale),
    /** A date, time or number in the community's zone and the reader's language. */
    format: (value: unknown, format: string) =>
      formatValue(value, format, source.locale, source.timeZone),
    /**
     * A bound value (`item.<field>`, `config.<path>`) as it reads on screen: labels for values,
     * dates in the community's zone.
     */
    field: (value: unknown, bind: string, scope: RenderScope) =>
      fieldText(value, boundField(bind, scope), {
        scope,
        locale: source.locale,
        timeZone: source.timeZone,
      }),
    /** `tel:` when the bound value is a phone number shown in clear (tap to call it). */
    tel: (value: unknown, bind: string, scope: RenderScope) =>
      telHref(value, boundField(bind, scope)),
    msg: (key: MessageKey | K, params?: Record<string, string | number>) =>
      message(source.locale, key, params, more),
    resolve: (value: unknown, scope: RenderScope) => resolveValue(value, scope, source.user),
    navigate: (nav: unknown, scope: RenderScope) => navigateTo(source, nav, scope),
    href: (nav: unknown, scope: RenderScope) => {
      const target = navigateTarget(nav, scope, source);
      return target ? (source.href?.(target) ?? '#') : undefined;
    },
    canRun: (actionId: unknown, scope: RenderScope) => canRunAction(source, actionId, scope),
    /** Whether a `navigate` prop leads somewhere this user may open (hide the link if not). */
    canNavigate: (nav: unknown, scope: RenderScope) => canNavigate(source, nav, scope),
  };
}

/**
 * The signed-in user's roles for one plugin, read by @scene/schema's `effectiveRoles` — the
 * server's own reading, so what is shown is what the server allows.
 */
export function rolesFor(source: Pick<DataSource, 'user'>, manifest: RoleSource): Set<string> {
  return effectiveRoles(source.user?.roles ?? null, manifest);
}

/**
 * Whether the user may run every query a node names. A node they may not run is not drawn at
 * all: a permission error is not something to show a legitimate viewer of the page.
 */
export function queriesRunnable(
  node: Pick<ViewNode, 'type' | 'props'>,
  scope: RenderScope,
  source: Pick<DataSource, 'user'>,
): boolean {
  const manifest = scope.plugin?.manifest;
  const queries = nodeQueries(node);
  if (!manifest || queries.length === 0) return true;
  const roles = rolesFor(source, manifest);
  return queries.every((q) => mayRunQuery(roles, manifest, q));
}

/**
 * The collection whose record a detail shows, when this user may ask for it unmasked: they hold
 * one of the roles its `privacy.unmask` names (the checker warns when a collection without
 * personal fields declares privacy), and it is not their own record.
 */
export function unmaskableCollection(
  source: Pick<DataSource, 'user' | 'unmask'>,
  scope: RenderScope,
  query: string,
  record: Record<string, unknown>,
): string | undefined {
  const manifest = scope.plugin?.manifest;
  if (!manifest || !source.unmask || !source.user || record.createdBy === source.user.id) return;
  const q = Object.hasOwn(manifest.queries, query) ? manifest.queries[query] : undefined;
  const def =
    q && Object.hasOwn(manifest.collections, q.collection)
      ? manifest.collections[q.collection]
      : undefined;
  return q && def && holdsAny(rolesFor(source, manifest), def.privacy?.unmask)
    ? q.collection
    : undefined;
}

/** Whether a navigation target inside the scope's plugin is a view this user may open. */
export function canNavigate(source: DataSource, nav: unknown, scope: RenderScope): boolean {
  const target = navigateTarget(nav, scope, source);
  if (!target || !('view' in target)) return target !== null;
  const manifest =
    target.plugin === scope.plugin?.id ? scope.plugin.manifest : source.manifest?.(target.plugin);
  const view = manifest?.views.find((v) => v.id === target.view);
  return !view || !manifest || mayOpenView(rolesFor(source, manifest), view);
}

/** Turns a `navigate` prop (`{view, id?}` or `{page}`) into a navigation, if it is one. */
export function navigateTarget(
  nav: unknown,
  scope: RenderScope,
  source: DataSource,
): NavigateTarget | null {
  if (typeof nav !== 'object' || nav === null) return null;
  const n = resolveValue(nav, scope, source.user) as Record<string, unknown>;
  if (typeof n.page === 'string') return { page: n.page };
  if (typeof n.view === 'string') {
    const plugin = typeof n.plugin === 'string' ? n.plugin : scope.plugin?.id;
    if (!plugin) return null;
    const id = n.id === undefined || n.id === null ? undefined : String(n.id);
    return { plugin, view: n.view, id };
  }
  return null;
}

function navigateTo(source: DataSource, nav: unknown, scope: RenderScope): boolean {
  const target = navigateTarget(nav, scope, source);
  if (target) source.navigate(target);
  return target !== null;
}

export function actionOf(scope: RenderScope, actionId: unknown): ActionDef | undefined {
  if (typeof actionId !== 'string') return undefined;
  const actions = scope.plugin?.manifest.actions ?? {};
  return Object.hasOwn(actions, actionId) ? actions[actionId] : undefined;
}

/**
 * Whether the user may run an action on the scope's record: their roles meet the action's (or
 * the action is open to visitors for this installation, `mayRunAction`), and for a workflow transition the record is in a `from` state and matches the
 * transition's `where`. The server decides for real; this only hides what would be refused.
 */
export function canRunAction(source: DataSource, actionId: unknown, scope: RenderScope): boolean {
  const action = actionOf(scope, actionId);
  const user = source.user;
  if (!action || !scope.plugin) return false;
  // A visitor (signed out) may run only a create action open to visitors (`once.visitors`).
  if (!user) return visitorsWelcome(action, scope.plugin.config);
  if (
    !holdsAny(rolesFor(source, scope.plugin.manifest), action.roles) &&
    !visitorsWelcome(action, scope.plugin.config)
  )
    return false;
  if (action.type !== 'transition') return true;
  const collections = scope.plugin?.manifest.collections ?? {};
  const collection = Object.hasOwn(collections, action.collection)
    ? collections[action.collection]
    : undefined;
  const workflow = collection?.workflow;
  const transition = workflow?.transitions.find((t) => t.id === action.transition);
  if (!workflow || !transition) return false;
  const item = scope.item;
  if (!item) return true;
  if (!transition.from.includes(String(item[workflow.field]))) return false;
  return evaluateFilter(transition.where, item, filterVars(scope, user, source.timeZone));
}

/** Whether a node's `when` lets it render in this scope. */
export function nodeVisible(node: ViewNode, scope: RenderScope, source: DataSource): boolean {
  if (!node.when) return true;
  const ctx = {
    config: scope.plugin?.config ?? {},
    item: scope.item ?? {},
    user: source.user ?? {},
    route: scope.route,
  };
  return evaluateFilter(node.when, ctx, filterVars(scope, source.user, source.timeZone));
}

export { isBinding };

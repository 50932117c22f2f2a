import type { ActionDef, ViewNode } from '@scene/schema';
import { evaluateFilter } from '@scene/schema';
import { useDataSource } from './context';
import type { DataSource, NavigateTarget } from './data-source';
import { filterVars, isBinding, resolveValue, textOf } from './bindings';
import { message, type MessageKey } from './messages';
import type { RenderScope } from './scope';

/** The props every primitive component receives from the node renderer. */
export interface PrimitiveProps {
  node: ViewNode;
  scope: RenderScope;
  /** `node.props` with the bindings this level can see already resolved. */
  resolved: Record<string, unknown>;
}

/** Helpers a primitive uses: localized text, renderer words, navigation, action rights. */
export function useRenderer() {
  const source = useDataSource();
  return {
    source,
    text: (value: unknown) => textOf(value, source.locale),
    msg: (key: MessageKey, params?: Record<string, string | number>) =>
      message(source.locale, key, params),
    resolve: (value: unknown, scope: RenderScope) => resolveValue(value, scope, source.user),
    navigate: (nav: unknown, scope: RenderScope) => navigateTo(source, nav, scope),
    href: (nav: unknown, scope: RenderScope) => {
      const target = navigateTarget(nav, scope, source);
      return target ? (source.href?.(target) ?? '#') : undefined;
    },
    canRun: (actionId: unknown, scope: RenderScope) => canRunAction(source, actionId, scope),
  };
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
 * Whether the signed-in user may run an action on the scope's record: their roles meet the
 * action's, and for a workflow transition the record is in a `from` state and matches the
 * transition's `where`. The server decides for real; this only hides what would be refused.
 */
export function canRunAction(source: DataSource, actionId: unknown, scope: RenderScope): boolean {
  const action = actionOf(scope, actionId);
  const user = source.user;
  if (!action || !user) return false;
  if (!hasRole(user.roles, action.roles, scope.plugin?.id)) return false;
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
  return evaluateFilter(transition.where, item, filterVars(scope, user));
}

/**
 * Whether `userRoles` meet any of `wanted`. Plugin roles are written `plugin:<role>` in a
 * manifest and `plugin:<pluginId>/<role>` in a community membership; both spellings count.
 * Platform admins pass everywhere, as on the server.
 */
export function hasRole(userRoles: string[], wanted: string[], pluginId?: string): boolean {
  if (userRoles.includes('admin')) return true;
  return wanted.some(
    (r) =>
      userRoles.includes(r) ||
      (pluginId !== undefined &&
        r.startsWith('plugin:') &&
        userRoles.includes(`plugin:${pluginId}/${r.slice(7)}`)),
  );
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
  return evaluateFilter(node.when, ctx, filterVars(scope, source.user));
}

export { isBinding };

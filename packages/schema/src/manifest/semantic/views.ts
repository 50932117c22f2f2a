import { schemaIssues } from '../../errors/format';
import { issue } from '../../errors/messages';
import { primitiveValidators } from '../../generated/primitives';
import type { PrecompiledValidator } from '../../validators/precompiled';
import { primitiveCatalog, PRIMITIVE_TYPES } from '../../primitives/catalog';
import type { Surface } from '../vocabulary';
import type { ViewDef, ViewNode } from '../types';
import { checkFigureNode } from './aggregates';
import { checkConfigPath, checkFilter, checkRoles, has } from './context';
import type { Ctx } from './context';
import { checkStepsNode, createsRecord } from './steps';
import { checkPausesNode } from './guard';
import { checkSlotPickerSlots } from './hours';

/** The precompiled props validator of one primitive of the catalog. */
export function primitivePropsValidator(type: string): PrecompiledValidator {
  return primitiveValidators[type]!;
}

const USER_BINDINGS = new Set(['user', 'user.id', 'user.displayName', 'user.roles']);
const ROUTE_BINDINGS = new Set(['route.id']);

interface Scope {
  view: ViewDef;
  item: boolean;
}

export function checkViews(ctx: Ctx): void {
  const ids = new Set<string>();
  const routes = new Set<string>();
  ctx.m.views.forEach((v, i) => {
    const ptr = `/views/${i}`;
    if (ids.has(v.id))
      ctx.out.push(
        issue(
          `${ptr}/id`,
          'view.duplicate',
          `视图 id “${v.id}” 重复。`,
          `View id "${v.id}" is used twice.`,
        ),
      );
    ids.add(v.id);
    if (v.slot === 'page' && !v.route)
      ctx.out.push(
        issue(
          ptr,
          'view.route',
          '页面视图（slot: page）必须写 route。',
          'A page view (slot: page) needs a route.',
        ),
      );
    if (v.slot === 'block' && v.route)
      ctx.out.push(
        issue(
          `${ptr}/route`,
          'view.route',
          '区块视图（slot: block）不能有 route。',
          'A block view (slot: block) has no route.',
        ),
      );
    if (v.route && routes.has(v.route))
      ctx.out.push(
        issue(
          `${ptr}/route`,
          'view.duplicate',
          `路由 “${v.route}” 重复。`,
          `Route "${v.route}" is used twice.`,
        ),
      );
    if (v.route) routes.add(v.route);
    if (v.mine && (v.surface !== 'resident' || v.slot !== 'page' || v.root.type === 'detail'))
      ctx.out.push(
        issue(
          `${ptr}/mine`,
          'view.mine',
          '“我的”列表（mine）须是居民端页面视图，且不是单条记录的详情页。',
          'A "mine" list (mine) is a resident page view, not the detail page of one record.',
        ),
      );
    if (v.waiting) checkWaiting(ctx, v, ptr);
    checkRoles(ctx, v.roles, `${ptr}/roles`, false);
    if (v.surface === 'public' && v.roles?.some((r) => r !== 'public'))
      ctx.out.push(
        issue(
          `${ptr}/roles`,
          'view.publicRoles',
          '公开视图对所有人可见，不能限定角色。',
          'A public view is visible to everyone and cannot be limited to roles.',
        ),
      );
    checkNode(ctx, v.root, `${ptr}/root`, { view: v, item: false });
  });
}

function checkNode(ctx: Ctx, node: ViewNode, ptr: string, scope: Scope): void {
  const spec = has(primitiveCatalog, node.type) ? primitiveCatalog[node.type] : undefined;
  if (!spec) {
    ctx.out.push(
      issue(
        `${ptr}/type`,
        'view.unknownPrimitive',
        `未知的组件 “${node.type}”。可用：${PRIMITIVE_TYPES.join(', ')}。`,
        `Unknown primitive "${node.type}". Available: ${PRIMITIVE_TYPES.join(', ')}.`,
      ),
    );
    return;
  }
  const props = (node.props ?? {}) as Record<string, unknown>;
  const validate = primitivePropsValidator(node.type);
  if (!validate(props)) ctx.out.push(...schemaIssues(validate.errors, `${ptr}/props`));
  for (const key of spec.queryProps ?? [])
    if (typeof props[key] === 'string')
      checkQueryRef(ctx, props[key], `${ptr}/props/${key}`, scope.view.surface);
  for (const key of spec.actionProps ?? []) {
    if (typeof props[key] !== 'string') continue;
    if (!has(ctx.m.actions, props[key]))
      ctx.out.push(
        issue(
          `${ptr}/props/${key}`,
          'ref.action',
          `操作 “${props[key]}” 未在 actions 中声明。`,
          `Action "${props[key]}" is not declared in actions.`,
        ),
      );
    if (scope.view.surface === 'public')
      ctx.out.push(
        issue(
          `${ptr}/props/${key}`,
          'view.publicAction',
          '公开视图只能读取，不能执行操作。',
          'A public view may only read; it cannot run actions.',
        ),
      );
  }
  if (spec.exactlyOne && spec.exactlyOne.filter((k) => props[k] !== undefined).length !== 1)
    ctx.out.push(
      issue(
        `${ptr}/props`,
        'view.exactlyOne',
        `“${node.type}” 需要且只能有 ${spec.exactlyOne.join(' 或 ')} 之一。`,
        `"${node.type}" needs exactly one of ${spec.exactlyOne.join(' or ')}.`,
      ),
    );
  checkFigureNode(ctx, node, ptr);
  const items = props.items as { bind?: unknown } | undefined;
  if (typeof items?.bind === 'string' && !/^config\./.test(items.bind))
    ctx.out.push(
      issue(
        `${ptr}/props/items/bind`,
        'view.items',
        'items 只能绑定 config 中的数组。',
        'items can only bind an array in config.',
      ),
    );
  if (node.type === 'button' && props.action === undefined && props.navigate === undefined)
    ctx.out.push(
      issue(
        `${ptr}/props`,
        'view.button',
        '按钮需要 action 或 navigate。',
        'A button needs an action or navigate.',
      ),
    );
  if (node.type === 'slot-picker') checkSlotPickerSlots(ctx, props, ptr);
  if (node.type === 'pauses') checkPausesNode(ctx, props, ptr);
  checkStepsNode(ctx, node, ptr, scope.item);
  // A row-level `navigate` of a list/table/calendar runs per record, so `item` is in scope there;
  // a form's or button's `navigate` after a create is followed with `item` = the new record (a
  // form's children see the record any action returned; its `navigate` only a created one).
  const perRecord = spec.children === 'item' && !spec.actionProps;
  for (const [k, v] of Object.entries(props)) {
    const rowScope = k === 'navigate' && (perRecord || createsRecord(ctx, node));
    walkProps(ctx, v, `${ptr}/props/${k}`, rowScope ? { ...scope, item: true } : scope);
  }
  checkFilter(ctx, node.when, `${ptr}/when`, (f, at) => checkContextPath(ctx, f, at, scope));
  const children = node.children ?? [];
  if (spec.children === 'none' && children.length > 0)
    ctx.out.push(
      issue(
        `${ptr}/children`,
        'view.children',
        `组件 “${node.type}” 不能有子节点。`,
        `Primitive "${node.type}" takes no children.`,
      ),
    );
  children.forEach((child, i) => {
    if (spec.children === 'sections' && child.type !== 'section')
      ctx.out.push(
        issue(
          `${ptr}/children/${i}/type`,
          'view.children',
          'tabs 的子节点必须是 section。',
          'Children of tabs must be sections.',
        ),
      );
    checkNode(ctx, child, `${ptr}/children/${i}`, {
      ...scope,
      item: scope.item || spec.children === 'item',
    });
  });
}

/** `waiting` counts a staff page's open work for 工作台: a count query on a staff list page. */
function checkWaiting(ctx: Ctx, v: ViewDef, ptr: string): void {
  const name = v.waiting!.query;
  if (v.surface !== 'staff' || v.slot !== 'page' || v.root.type === 'detail')
    ctx.out.push(
      issue(
        `${ptr}/waiting`,
        'view.waiting',
        '待办数（waiting）只用于工作人员端页面视图，且不是单条记录的详情页。',
        'A waiting count (waiting) belongs on a staff page view that is not the detail page of one record.',
      ),
    );
  checkQueryRef(ctx, name, `${ptr}/waiting/query`, v.surface);
  const q = has(ctx.m.queries, name) ? ctx.m.queries[name] : undefined;
  if (q && q.kind !== 'count')
    ctx.out.push(
      issue(
        `${ptr}/waiting/query`,
        'view.waiting',
        `待办数须用计数查询（kind: count），“${name}” 是 ${q.kind}。`,
        `A waiting count needs a count query (kind: count); "${name}" is ${q.kind}.`,
      ),
    );
}

function checkQueryRef(ctx: Ctx, name: string, ptr: string, surface: Surface): void {
  if (!has(ctx.m.queries, name)) {
    ctx.out.push(
      issue(
        ptr,
        'ref.query',
        `查询 “${name}” 未在 queries 中声明。`,
        `Query "${name}" is not declared in queries.`,
      ),
    );
    return;
  }
  const q = ctx.m.queries[name]!;
  const c = has(ctx.m.collections, q.collection) ? ctx.m.collections[q.collection] : undefined;
  const figure = q.scope === 'community' && q.roles?.includes('public');
  if (
    surface === 'public' &&
    c &&
    !figure &&
    !c.access.read.some((r) => r.roles.includes('public'))
  )
    ctx.out.push(
      issue(
        ptr,
        'view.publicQuery',
        `公开视图使用的查询 “${name}” 所在集合不允许 public 读取。`,
        `Query "${name}" reads a collection that public may not read, so a public view cannot use it.`,
      ),
    );
}

/** Bindings and navigate targets anywhere inside props. */
function walkProps(ctx: Ctx, value: unknown, ptr: string, scope: Scope): void {
  if (Array.isArray(value)) return value.forEach((v, i) => walkProps(ctx, v, `${ptr}/${i}`, scope));
  if (typeof value !== 'object' || value === null) return;
  const obj = value as Record<string, unknown>;
  if (typeof obj.bind === 'string') return checkBinding(ctx, obj.bind, `${ptr}/bind`, scope);
  const nav = obj.navigate as { view?: unknown } | undefined;
  if (nav && typeof nav.view === 'string' && !ctx.m.views.some((v) => v.id === nav.view))
    ctx.out.push(
      issue(
        `${ptr}/navigate/view`,
        'ref.view',
        `视图 “${nav.view}” 不存在。`,
        `View "${nav.view}" does not exist.`,
      ),
    );
  for (const [k, v] of Object.entries(obj)) walkProps(ctx, v, `${ptr}/${k}`, scope);
}

function checkBinding(ctx: Ctx, path: string, ptr: string, scope: Scope): void {
  checkContextPath(ctx, path, ptr, scope);
}

function checkContextPath(ctx: Ctx, path: string, ptr: string, scope: Scope): void {
  const [root] = path.split('.');
  if (root === 'config') {
    if (path !== 'config') checkConfigPath(ctx, path.slice(7), ptr);
  } else if (root === 'item') {
    if (!scope.item)
      ctx.out.push(
        issue(
          ptr,
          'view.itemScope',
          '“item.” 只能用在 list、table、calendar 或 detail 的子节点中。',
          '"item." can only be used inside children of list, table, calendar or detail.',
        ),
      );
  } else if (root === 'user') {
    if (!USER_BINDINGS.has(path))
      ctx.out.push(
        issue(
          ptr,
          'view.binding',
          '可用的用户字段：user.id、user.displayName、user.roles。',
          'Available user fields: user.id, user.displayName, user.roles.',
        ),
      );
  } else if (root === 'route') {
    if (!ROUTE_BINDINGS.has(path))
      ctx.out.push(
        issue(
          ptr,
          'view.binding',
          '可用的路由参数：route.id。',
          'Available route parameter: route.id.',
        ),
      );
  } else {
    ctx.out.push(
      issue(
        ptr,
        'view.binding',
        '路径应以 config.、item.、user. 或 route. 开头。',
        'A path starts with config., item., user. or route..',
      ),
    );
  }
}

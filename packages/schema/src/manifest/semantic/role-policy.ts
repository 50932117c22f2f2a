// Warnings about what roles can do, read the way the platform enforces them (`effectiveRoles`):
// a plugin role every resident holds by default must not pay points or change other people's
// records, and whoever may open a view must be able to run its queries and open where it leads.
import { rolesOfHolder } from '../../access/roles';
import { mayOpenView, mayRunQuery, viewQueries, viewRoles } from '../../access/views';
import { issue } from '../../errors/messages';
import type { Filter } from '../../filter/types';
import type { ActionDef, ViewDef, ViewNode } from '../types';
import type { RoleRef } from '../vocabulary';
import { has } from './context';
import type { Ctx } from './context';

export function checkRolePolicy(ctx: Ctx): void {
  checkResidentRoles(ctx);
  ctx.m.views.forEach((v, i) => {
    checkViewQueries(ctx, v, i);
    checkViewNavigation(ctx, v, i);
  });
}

/** Whether a filter, wherever it applies, requires the record to be the caller's own. */
export function requiresOwnRecord(f: Filter | undefined): boolean {
  if (!f) return false;
  if ('all' in f) return f.all.some(requiresOwnRecord);
  if ('field' in f) {
    const v = f.value as unknown;
    return (
      f.field === 'createdBy' &&
      f.op === 'eq' &&
      typeof v === 'object' &&
      v !== null &&
      (v as { var?: unknown }).var === 'user.id'
    );
  }
  return false;
}

function ownRecordsOnly(ctx: Ctx, a: ActionDef): boolean {
  if (a.type === 'update' || a.type === 'delete') return requiresOwnRecord(a.where);
  if (a.type !== 'transition') return true;
  const c = has(ctx.m.collections, a.collection) ? ctx.m.collections[a.collection] : undefined;
  const t = c?.workflow?.transitions.find((x) => x.id === a.transition);
  return requiresOwnRecord(t?.where);
}

function checkResidentRoles(ctx: Ctx): void {
  for (const role of ctx.m.roles) {
    if (!role.grantedTo.includes('resident')) continue;
    const ref = `plugin:${role.id}` as RoleRef;
    for (const [name, a] of Object.entries(ctx.m.actions)) {
      const at = a.roles.indexOf(ref);
      if (at < 0) continue;
      const ptr = `/actions/${name}/roles/${at}`;
      if (a.points)
        ctx.out.push(
          issue(
            ptr,
            'roles.residentPays',
            `插件角色 “${role.id}” 默认授予所有居民（grantedTo 含 resident），而操作 “${name}” 会发放积分：任何居民都能给自己或他人刷积分。请只授予需要的人（由运营在成员中单独授予），或把操作限定为居民本人的记录。`,
            `Plugin role "${role.id}" is granted to every resident by default (grantedTo has resident), and action "${name}" pays points: any resident could earn them at will. Grant the role only to those who need it (an operator grants it to members one by one), or limit the action to the resident's own records.`,
            'warning',
          ),
        );
      if (!ownRecordsOnly(ctx, a))
        ctx.out.push(
          issue(
            ptr,
            'roles.residentChangesOthers',
            `插件角色 “${role.id}” 默认授予所有居民，而操作 “${name}” 能修改别人创建的记录（没有 createdBy eq user.id 的限定）：任何居民都能处理他人的记录。`,
            `Plugin role "${role.id}" is granted to every resident by default, and action "${name}" changes records other people created (no createdBy eq user.id condition): any resident could act on anyone's records.`,
            'warning',
          ),
        );
    }
  }
}

/** Roles that may open the view, as known to this manifest (unknown ones are reported elsewhere). */
function openers(ctx: Ctx, v: ViewDef): RoleRef[] {
  return viewRoles(v).filter((r) => ctx.roles.has(r));
}

function checkViewQueries(ctx: Ctx, v: ViewDef, i: number): void {
  const roles = openers(ctx, v);
  const waiting = v.waiting ? [{ query: v.waiting.query, pointer: '/waiting/query' }] : [];
  for (const { query, pointer } of [...viewQueries(v), ...waiting]) {
    if (!has(ctx.m.queries, query)) continue;
    const cannot = roles.filter((r) => !mayRunQuery(rolesOfHolder(r, ctx.m), ctx.m, query));
    if (cannot.length === 0) continue;
    const who = cannot.join(', ');
    ctx.out.push(
      issue(
        `/views/${i}${pointer}`,
        'view.queryRoles',
        `能打开视图 “${v.id}” 的角色（${who}）不能运行查询 “${query}”（查询的 roles 或集合的 access.read 不含它们），他们会看到“没有权限”。请让查询对这些角色开放，或用视图的 roles 限定谁能打开它。`,
        `Roles that may open view "${v.id}" (${who}) cannot run query "${query}" (its roles or its collection's access.read leave them out), so they would see a permission error. Open the query to them, or limit who opens the view with its roles.`,
        'warning',
      ),
    );
  }
}

function checkViewNavigation(ctx: Ctx, v: ViewDef, i: number): void {
  const roles = openers(ctx, v);
  const walk = (value: unknown, ptr: string): void => {
    if (Array.isArray(value)) return value.forEach((x, j) => walk(x, `${ptr}/${j}`));
    if (typeof value !== 'object' || value === null) return;
    const obj = value as Record<string, unknown>;
    const nav = obj.navigate as { view?: unknown } | undefined;
    const target =
      nav && typeof nav.view === 'string' ? ctx.m.views.find((t) => t.id === nav.view) : undefined;
    if (target) {
      const cannot = roles.filter((r) => !mayOpenView(rolesOfHolder(r, ctx.m), target));
      if (cannot.length > 0)
        ctx.out.push(
          issue(
            `${ptr}/navigate/view`,
            'view.navigateRoles',
            `能打开视图 “${v.id}” 的角色（${cannot.join(', ')}）打不开它链接的视图 “${target.id}”。`,
            `Roles that may open view "${v.id}" (${cannot.join(', ')}) cannot open view "${target.id}" it leads to.`,
            'warning',
          ),
        );
    }
    for (const [k, x] of Object.entries(obj)) walk(x, `${ptr}/${k}`);
  };
  const node = (n: ViewNode, ptr: string): void => {
    walk(n.props, `${ptr}/props`);
    (n.children ?? []).forEach((c, j) => node(c, `${ptr}/children/${j}`));
  };
  node(v.root, `/views/${i}/root`);
}

import { checkFilterShape, forEachCondition } from '../../filter/shape';
import type { Filter } from '../../filter/types';
import type { Issue } from '../../errors/issue';
import { issue } from '../../errors/messages';
import { resolveField } from '../../subset/check';
import type { VendorSchema } from '../../subset/types';
import type { CollectionDef, CreateAction, PluginManifest } from '../types';
import { PLATFORM_ROLES, SYSTEM_FIELDS } from '../vocabulary';
import type { PermissionScope } from '../vocabulary';

export interface Ctx {
  m: PluginManifest;
  out: Issue[];
  /** Every role a rule may name: platform roles and `plugin:<id>` for declared ones. */
  roles: Set<string>;
  /** Permission scopes the manifest's declarations need. */
  needs: Map<PermissionScope, string>;
}

export function makeContext(m: PluginManifest): Ctx {
  return {
    m,
    out: [],
    roles: new Set<string>([...PLATFORM_ROLES, ...m.roles.map((r) => `plugin:${r.id}`)]),
    needs: new Map(),
  };
}

/**
 * The create actions that use the version-2 part `part`, by name; a manifest below version 2 is
 * told, at the part, that the part needs it.
 */
export function createActionsWith(
  ctx: Ctx,
  part: 'once' | 'fieldsFrom' | 'repeat' | 'hours' | 'guard' | 'offered',
): [string, CreateAction][] {
  const out: [string, CreateAction][] = [];
  for (const [name, a] of Object.entries(ctx.m.actions)) {
    if (a.type !== 'create' || !a[part]) continue;
    if (ctx.m.manifestVersion < 2)
      ctx.out.push(
        issue(
          `/actions/${name}/${part}`,
          'version.part',
          `${part} 需要 "manifestVersion": 2。`,
          `${part} needs "manifestVersion": 2.`,
        ),
      );
    out.push([name, a]);
  }
  return out;
}

export const has = (obj: object | undefined, key: string): boolean =>
  obj !== undefined && Object.prototype.hasOwnProperty.call(obj, key);

export function collectionOf(ctx: Ctx, name: string, ptr: string): CollectionDef | undefined {
  if (has(ctx.m.collections, name)) return ctx.m.collections[name];
  ctx.out.push(
    issue(
      ptr,
      'ref.collection',
      `集合 “${name}” 未在 collections 中声明。已声明：${Object.keys(ctx.m.collections).join(', ') || '（无）'}。`,
      `Collection "${name}" is not declared in collections. Declared: ${Object.keys(ctx.m.collections).join(', ') || '(none)'}.`,
    ),
  );
  return undefined;
}

/** Roles must be declared; writers may never include `public`. */
export function checkRoles(
  ctx: Ctx,
  roles: string[] | undefined,
  ptr: string,
  write: boolean,
): void {
  (roles ?? []).forEach((r, i) => {
    if (!ctx.roles.has(r))
      ctx.out.push(
        issue(
          `${ptr}/${i}`,
          'roles.unknown',
          `角色 “${r}” 未声明。插件角色需先在 roles 中声明，写作 plugin:<id>。`,
          `Role "${r}" is unknown. Declare plugin roles in roles and write them as plugin:<id>.`,
        ),
      );
    if (write && r === 'public')
      ctx.out.push(
        issue(
          `${ptr}/${i}`,
          'roles.publicWrite',
          '匿名访客（public）只能读取，不能执行写操作。',
          'Anonymous visitors (public) may only read; they cannot run writes.',
        ),
      );
  });
}

/** Whether a record field exists: system fields, counters, or the collection schema. */
export function recordField(c: CollectionDef, path: string): VendorSchema | 'system' | undefined {
  const head = path.split('.')[0]!;
  if ((SYSTEM_FIELDS as readonly string[]).includes(path)) return 'system';
  if (c.counters && has(c.counters, head) && path === head) return 'system';
  return resolveField(c.schema, path);
}

export function checkRecordField(
  ctx: Ctx,
  c: CollectionDef,
  cname: string,
  path: string,
  ptr: string,
): void {
  if (!recordField(c, path))
    ctx.out.push(
      issue(
        ptr,
        'ref.field',
        `字段 “${path}” 不在集合 “${cname}” 中（系统字段：${SYSTEM_FIELDS.join(', ')}）。`,
        `Field "${path}" is not in collection "${cname}" (system fields: ${SYSTEM_FIELDS.join(', ')}).`,
      ),
    );
}

/** A filter's structure, plus where each field must exist. */
export function checkFilter(
  ctx: Ctx,
  f: Filter | undefined,
  ptr: string,
  fieldOk: (path: string, at: string) => void,
): void {
  if (!f) return;
  const problems = checkFilterShape(f, ptr);
  for (const p of problems) ctx.out.push(filterProblem(p.pointer, p.code));
  if (problems.length > 0) return;
  forEachCondition(f, (c, p) => {
    fieldOk(c.field, `${ptr}${p}/field`);
    const v = c.value as unknown;
    if (typeof v === 'object' && v !== null && 'var' in v) {
      const name = String((v as { var: unknown }).var);
      if (name.startsWith('config.')) checkConfigPath(ctx, name.slice(7), `${ptr}${p}/value/var`);
    }
  });
}

const FILTER_MESSAGES: Record<string, [string, string]> = {
  'filter.shape': [
    '条件节点只能是 {all:[…]}、{any:[…]}、{not:…} 或 {field, op, value} 之一。',
    'A filter node is exactly one of {all:[…]}, {any:[…]}, {not:…} or {field, op, value}.',
  ],
  'filter.field': [
    '字段路径无效：点分隔的标识符，不能含 $、..、__proto__。',
    'Invalid field path: dot-separated identifiers without $, .., __proto__.',
  ],
  'filter.op': [
    '运算符无效。允许：eq ne in nin gt gte lt lte exists contains。',
    'Unknown operator. Allowed: eq ne in nin gt gte lt lte exists contains.',
  ],
  'filter.value': [
    '取值与运算符不符：in/nin 用数组，exists 用布尔值，gt/gte/lt/lte 用数字或字符串，其余用简单值；变量写作 {"var": …}。',
    'The value does not fit the operator: in/nin take an array, exists a boolean, gt/gte/lt/lte a number or string, others a plain value; variables are {"var": …}.',
  ],
  'filter.var': [
    '变量只能是 user.id、user.communityId、user.roles、user.actsFor、user.household、member.<居民属性>、now、today、startOfDay、startOfWeek、startOfMonth、startOfYear 或 config.<路径>。',
    'A var is user.id, user.communityId, user.roles, user.actsFor, user.household, member.<attribute>, now, today, startOfDay, startOfWeek, startOfMonth, startOfYear or config.<path>.',
  ],
  'filter.relative': [
    'offset 与 as 只能用于时间变量（now、today、startOfDay/Week/Month/Year）；offset 是带符号的 ISO-8601 时长（如 -P30D、PT2H），as 为 date、timestamp 或 month。',
    'offset and as belong to time vars only (now, today, startOfDay/Week/Month/Year); offset is a signed ISO-8601 duration (like -P30D, PT2H), as is date, timestamp or month.',
  ],
  'filter.tooLarge': [
    '条件过大：最多 50 个节点、10 层。',
    'Filter too large: at most 50 nodes and 10 levels.',
  ],
};

export function filterProblem(pointer: string, code: string): Issue {
  const [zh, en] = FILTER_MESSAGES[code] ?? FILTER_MESSAGES['filter.shape']!;
  return issue(pointer, code, zh, en);
}

export function checkConfigPath(ctx: Ctx, path: string, ptr: string): VendorSchema | undefined {
  const s = resolveField(ctx.m.config, path);
  if (!s)
    ctx.out.push(
      issue(
        ptr,
        'ref.config',
        `config 中没有 “${path}”。`,
        `"${path}" is not a property of config.`,
      ),
    );
  return s;
}

export function need(ctx: Ctx, scope: PermissionScope, ptr: string): void {
  if (!ctx.needs.has(scope)) ctx.needs.set(scope, ptr);
}

/** Walks a vendor schema, calling fn for every node with its pointer. */
export function walkSchema(
  s: VendorSchema,
  ptr: string,
  fn: (s: VendorSchema, ptr: string) => void,
): void {
  fn(s, ptr);
  for (const [k, c] of Object.entries(s.properties ?? {}))
    walkSchema(c, `${ptr}/properties/${k}`, fn);
  if (s.items) walkSchema(s.items, `${ptr}/items`, fn);
  for (const [k, c] of Object.entries(s.$defs ?? {})) walkSchema(c, `${ptr}/$defs/${k}`, fn);
}

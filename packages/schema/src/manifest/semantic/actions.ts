import { issue } from '../../errors/messages';
import { checkVendorSchema } from '../../subset/check';
import type { VendorSchema } from '../../subset/types';
import type { ActionDef, CollectionDef, RedeemAction } from '../types';
import { checkNotify, checkNumberBinding } from './collections';
import { checkFindBy, checkMatch, checkOptionCopy, checkParentCopy } from './action-values';
import { checkCutOffs } from './cut-offs';
import {
  checkConfigPath,
  checkFilter,
  checkRecordField,
  checkRoles,
  collectionOf,
  has,
  need,
  recordField,
  walkSchema,
} from './context';
import type { Ctx } from './context';

export function checkActions(ctx: Ctx): void {
  for (const [name, a] of Object.entries(ctx.m.actions)) {
    const ptr = `/actions/${name}`;
    checkRoles(ctx, a.roles, `${ptr}/roles`, true);
    const c = collectionOf(ctx, a.collection, `${ptr}/collection`);
    if (a.input) {
      ctx.out.push(...checkVendorSchema(a.input, `${ptr}/input`, 'input', ctx.m.config));
      walkSchema(a.input, `${ptr}/input`, (s, p) => {
        if (s['x-ref'] === 'upload') need(ctx, 'uploads:write', `${p}/x-ref`);
        if (s['x-pii']) need(ctx, 'pii:read', `${p}/x-pii`);
      });
    }
    if (a.points) need(ctx, 'points:award', `${ptr}/points`);
    if (!c) continue;
    const amount = a.points?.amount;
    if (typeof amount === 'object') {
      if (amount.bind.startsWith('item.')) {
        const f = recordField(c, amount.bind.slice(5));
        if (!f || (f !== 'system' && f.type !== 'integer' && f.type !== 'number'))
          ctx.out.push(
            issue(
              `${ptr}/points/amount/bind`,
              'ref.bindingType',
              `“${amount.bind}” 必须是集合中的数字字段。`,
              `"${amount.bind}" must be a number field of the collection.`,
            ),
          );
      } else checkNumberBinding(ctx, amount.bind, `${ptr}/points/amount/bind`);
    }
    const rate = a.points?.rate;
    if (typeof rate === 'object') checkNumberBinding(ctx, rate.bind, `${ptr}/points/rate/bind`);
    checkCutOffs(ctx, a, c, ptr);
    checkNotify(ctx, c, a.collection, a.notify, `${ptr}/notify`);
    checkAgainstCollection(ctx, a, c, ptr);
  }
}

function checkAgainstCollection(ctx: Ctx, a: ActionDef, c: CollectionDef, ptr: string): void {
  const wfField = c.workflow?.field;
  const inputProps = Object.keys(a.input?.properties ?? {});
  const extra = a.type === 'redeem' ? ['itemId', 'quantity'] : [];
  for (const p of inputProps) {
    const target = recordField(c, p);
    if (!target && !extra.includes(p))
      ctx.out.push(
        issue(
          `${ptr}/input/properties/${p}`,
          'action.inputField',
          `输入字段 “${p}” 不是集合 “${a.collection}” 的字段。`,
          `Input field "${p}" is not a field of collection "${a.collection}".`,
        ),
      );
    else if (target === 'system')
      ctx.out.push(
        issue(
          `${ptr}/input/properties/${p}`,
          'action.systemField',
          `“${p}” 由平台维护，不能作为输入。`,
          `"${p}" is maintained by the platform and cannot be an input.`,
        ),
      );
    else if (
      target &&
      a.input?.properties?.[p]?.type !== undefined &&
      target.type !== a.input.properties[p]!.type
    )
      ctx.out.push(
        issue(
          `${ptr}/input/properties/${p}/type`,
          'action.inputType',
          `类型应与集合字段一致（${String(target.type)}）。`,
          `The type must match the collection field (${String(target.type)}).`,
        ),
      );
    if (p === wfField)
      ctx.out.push(
        issue(
          `${ptr}/input/properties/${p}`,
          'action.workflowField',
          '状态字段只能通过流转改变。',
          'The workflow field only changes through transitions.',
        ),
      );
  }
  const set = 'set' in a ? Object.keys(a.set ?? {}) : [];
  if ('set' in a)
    for (const [f, v] of Object.entries(a.set ?? {}))
      if (typeof v === 'object' && v !== null && v.var.startsWith('config.'))
        checkConfigPath(ctx, v.var.slice(7), `${ptr}/set/${f}/var`);
      else if (
        typeof v === 'object' &&
        v !== null &&
        (v.var === 'seq' || v.var === 'code') &&
        a.type !== 'create' &&
        a.type !== 'redeem'
      )
        // The record's insert is what keeps its number and code unique (the server names the
        // record by its number), so both are drawn when a record is created, never later.
        ctx.out.push(
          issue(
            `${ptr}/set/${f}/var`,
            'action.numberOnCreate',
            '编号（seq）和核销码（code）在新建记录时生成，只能用于新建（create）或兑换（redeem）操作。',
            'A number (seq) or code (code) is drawn when a record is created: only a create or redeem action sets one.',
          ),
        );
      else if (typeof v === 'object' && v !== null && v.var === 'seq' && c)
        if (c.schema.properties?.[f]?.type !== 'integer')
          ctx.out.push(
            issue(
              `${ptr}/set/${f}/var`,
              'action.seqField',
              `编号（seq）是整数，字段 “${f}” 须为 integer。`,
              `A number (seq) is an integer, so field "${f}" must be of type integer.`,
            ),
          );
  for (const f of set) {
    if (f === wfField)
      ctx.out.push(
        issue(
          `${ptr}/set/${f}`,
          'action.workflowField',
          '状态字段只能通过流转改变。',
          'The workflow field only changes through transitions.',
        ),
      );
    else checkRecordField(ctx, c, a.collection, f, `${ptr}/set/${f}`);
  }
  const field = (p: string, at: string) => checkRecordField(ctx, c, a.collection, p, at);
  if (a.type === 'update' || a.type === 'delete') checkFilter(ctx, a.where, `${ptr}/where`, field);
  if (a.type === 'redeem') checkFilter(ctx, a.releaseWhen, `${ptr}/releaseWhen`, field);
  if (a.type === 'create' && a.parent) {
    const pp = `${ptr}/parent`;
    if (!inputProps.includes(a.parent.field) && !set.includes(a.parent.field))
      ctx.out.push(
        issue(
          `${pp}/field`,
          'action.parentField',
          `“${a.parent.field}” 须是该操作的输入或 set 字段。`,
          `"${a.parent.field}" must be an input or set field of this action.`,
        ),
      );
    const parent = collectionOf(ctx, a.parent.collection, `${pp}/collection`);
    if (parent) {
      checkFilter(ctx, a.parent.where, `${pp}/where`, (p, at) =>
        checkRecordField(ctx, parent, a.parent!.collection, p, at),
      );
      checkParentCopy(ctx, a, c, parent, pp);
    }
  }
  if (a.type === 'create') {
    const provided = new Set([
      ...inputProps,
      ...set,
      ...(wfField ? [wfField] : []),
      ...(a.fieldsFrom ? [a.fieldsFrom.field] : []),
      ...Object.keys(a.parent?.copy ?? {}),
    ]);
    for (const r of c.schema.required ?? [])
      if (!provided.has(r))
        ctx.out.push(
          issue(
            `${ptr}`,
            'action.missingRequired',
            `集合的必填字段 “${r}” 既不在 input 也不在 set 中，记录将无法创建。`,
            `Required field "${r}" of the collection is in neither input nor set, so no record could be created.`,
          ),
        );
  }
  if (a.type === 'transition') {
    const t = c.workflow?.transitions.find((x) => x.id === a.transition);
    if (!t)
      ctx.out.push(
        issue(
          `${ptr}/transition`,
          'ref.transition',
          `集合 “${a.collection}” 的流程中没有流转 “${a.transition}”。`,
          `Collection "${a.collection}" has no workflow transition "${a.transition}".`,
        ),
      );
    else
      a.roles.forEach((r, i) => {
        if (!t.roles.includes(r))
          ctx.out.push(
            issue(
              `${ptr}/roles/${i}`,
              'action.transitionRole',
              `角色 “${r}” 不在流转 “${t.id}” 的 roles 中。`,
              `Role "${r}" is not among transition "${t.id}"'s roles.`,
            ),
          );
      });
  }
  if (a.type === 'redeem') checkRedeem(ctx, a, c, ptr);
  if (a.type === 'create') checkOptionCopy(ctx, a, c, ptr);
  if (a.type === 'transition') {
    checkMatch(ctx, a, c, ptr);
    checkFindBy(ctx, a, c, ptr);
  }
}

function checkRedeem(ctx: Ctx, a: RedeemAction, c: CollectionDef, ptr: string): void {
  const bind = a.catalog.bind;
  need(ctx, 'points:spend', `${ptr}/type`);
  const at = `${ptr}/catalog/bind`;
  if (!bind.startsWith('config.')) {
    ctx.out.push(
      issue(
        at,
        'ref.binding',
        '兑换目录只能绑定 config.<路径>。',
        'The catalog can only be bound to config.<path>.',
      ),
    );
    return;
  }
  const s = checkConfigPath(ctx, bind.slice(7), at);
  const item: VendorSchema | undefined = s?.type === 'array' ? s.items : undefined;
  if (
    s &&
    (!item?.properties || !has(item.properties, 'id') || item.properties.points?.type !== 'integer')
  )
    ctx.out.push(
      issue(
        at,
        'redeem.catalog',
        '兑换目录必须是对象数组，每项含 id（字符串）和 points（整数），可选 stock、perUserLimit。',
        'The catalog must be an array of objects with id (string) and points (integer), optionally stock and perUserLimit.',
      ),
    );
  for (const [field, from] of Object.entries(a.copy ?? {})) {
    checkRecordField(ctx, c, a.collection, field, `${ptr}/copy/${field}`);
    if (item?.properties && !has(item.properties, from))
      ctx.out.push(
        issue(
          `${ptr}/copy/${field}`,
          'redeem.copy',
          `兑换目录的条目没有字段 “${from}”。`,
          `Catalog items have no field "${from}".`,
        ),
      );
  }
  for (const f of ['itemId', 'points', 'quantity'])
    if (!recordField(c, f))
      ctx.out.push(
        issue(
          `${ptr}/collection`,
          'redeem.fields',
          `兑换记录集合必须声明字段 “${f}”。`,
          `The redemption collection must declare field "${f}".`,
        ),
      );
}

export function checkQueries(ctx: Ctx): void {
  for (const [name, q] of Object.entries(ctx.m.queries)) {
    const ptr = `/queries/${name}`;
    checkRoles(ctx, q.roles, `${ptr}/roles`, false);
    const c = collectionOf(ctx, q.collection, `${ptr}/collection`);
    if (!c) continue;
    const field = (p: string, at: string) => checkRecordField(ctx, c, q.collection, p, at);
    checkFilter(ctx, q.where, `${ptr}/where`, field);
    for (const f of Object.keys(q.filterable ?? {})) field(f, `${ptr}/filterable/${f}`);
    for (const f of q.fields ?? []) field(f, `${ptr}/fields`);
    if (q.kind === 'group' && !q.groupBy)
      ctx.out.push(
        issue(ptr, 'query.groupBy', 'group 查询必须写 groupBy。', 'A group query needs groupBy.'),
      );
    if (typeof q.groupBy === 'string') field(q.groupBy, `${ptr}/groupBy`);
    else q.groupBy?.forEach((g, i) => field(g, `${ptr}/groupBy/${i}`));
    if (
      q.kind === 'capacity' &&
      !(c.capacity ?? []).some((r) => r.id !== undefined && r.id === q.capacity)
    )
      ctx.out.push(
        issue(
          `${ptr}/capacity`,
          'query.capacity',
          `capacity 查询须指向集合 capacity 规则的 id（已有：${
            (c.capacity ?? [])
              .map((r) => r.id)
              .filter(Boolean)
              .join(', ') || '无'
          }）。`,
          `A capacity query must name the id of a capacity rule of the collection (have: ${
            (c.capacity ?? [])
              .map((r) => r.id)
              .filter(Boolean)
              .join(', ') || 'none'
          }).`,
        ),
      );
    if (q.capacity !== undefined && q.kind !== 'capacity')
      ctx.out.push(
        issue(
          `${ptr}/capacity`,
          'query.capacity',
          'capacity 只适用于 kind: capacity。',
          'capacity only applies to kind: capacity.',
        ),
      );
    for (const key of ['sort', 'pageSize', 'fields', 'hidePeople'] as const)
      if (q[key] !== undefined && q.kind !== 'list')
        ctx.out.push(
          issue(
            `${ptr}/${key}`,
            'query.listOnly',
            `“${key}” 只适用于 list 查询。`,
            `"${key}" only applies to list queries.`,
          ),
        );
    if (q.kind === 'list' && !q.pageSize)
      ctx.out.push(
        issue(
          ptr,
          'query.pageSize',
          'list 查询必须写 pageSize（max ≤ 100）。',
          'A list query needs pageSize (max ≤ 100).',
        ),
      );
    if (q.pageSize && q.pageSize.default > q.pageSize.max)
      ctx.out.push(
        issue(
          `${ptr}/pageSize/default`,
          'query.pageSize',
          'pageSize.default 不能大于 max。',
          'pageSize.default must not exceed max.',
        ),
      );
    const leading = new Set([
      '_id',
      'createdAt',
      ...(c.indexes ?? []).map((ix) => Object.keys(ix.fields)[0]!),
    ]);
    (q.sort ?? []).forEach((s, i) => {
      field(s.field, `${ptr}/sort/${i}/field`);
      s.then?.forEach((x, j) => field(x.field, `${ptr}/sort/${i}/then/${j}/field`));
      if (!leading.has(s.field))
        ctx.out.push(
          issue(
            `${ptr}/sort/${i}/field`,
            'query.sortIndex',
            `按 “${s.field}” 排序需要以它开头的索引（或用 _id、createdAt）。`,
            `Sorting by "${s.field}" needs an index starting with it (or use _id, createdAt).`,
          ),
        );
    });
    // A community-wide figure is readable by its roles without row access (small groups hidden).
    if (
      q.roles?.includes('public') &&
      q.scope !== 'community' &&
      !c.access.read.some((r) => r.roles.includes('public'))
    )
      ctx.out.push(
        issue(
          `${ptr}/roles`,
          'query.publicAccess',
          `集合 “${q.collection}” 的 access.read 不允许 public 读取。`,
          `Collection "${q.collection}" does not allow public in access.read.`,
        ),
      );
  }
}

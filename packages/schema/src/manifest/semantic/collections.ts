import { issue } from '../../errors/messages';
import { checkVendorSchema } from '../../subset/check';
import { waitlistEdges } from '../parts/people';
import type { CollectionDef, Notify, Workflow } from '../types';
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

export function checkCollections(ctx: Ctx): void {
  for (const [name, c] of Object.entries(ctx.m.collections)) {
    const ptr = `/collections/${name}`;
    ctx.out.push(...checkVendorSchema(c.schema, `${ptr}/schema`, 'collection', ctx.m.config));
    const field = (path: string, at: string) => checkRecordField(ctx, c, name, path, at);
    (c.indexes ?? []).forEach((ix, i) => {
      for (const f of Object.keys(ix.fields)) field(f, `${ptr}/indexes/${i}/fields/${f}`);
    });
    c.access.read.forEach((rule, i) => {
      checkRoles(ctx, rule.roles, `${ptr}/access/read/${i}/roles`, false);
      checkFilter(ctx, rule.where, `${ptr}/access/read/${i}/where`, field);
    });
    let pii = false;
    walkSchema(c.schema, `${ptr}/schema`, (s, p) => {
      if (s['x-pii']) {
        pii = true;
        need(ctx, 'pii:read', `${p}/x-pii`);
      }
      if (s['x-ref']?.startsWith('collection:')) {
        const target = s['x-ref'].slice('collection:'.length);
        if (!has(ctx.m.collections, target))
          ctx.out.push(
            issue(
              `${p}/x-ref`,
              'ref.collection',
              `x-ref 指向的集合 “${target}” 不存在。`,
              `x-ref points at collection "${target}", which does not exist.`,
            ),
          );
      }
    });
    if (pii && !c.retention)
      ctx.out.push(
        issue(
          ptr,
          'pii.retention',
          '集合含个人信息字段（x-pii），必须声明保存期限 retention.days。',
          'The collection holds personal data (x-pii), so it must declare retention.days.',
        ),
      );
    if (c.workflow) checkWorkflow(ctx, c, name, c.workflow, `${ptr}/workflow`);
    (c.capacity ?? []).forEach((cap, i) => {
      cap.key.forEach((k, j) => field(k, `${ptr}/capacity/${i}/key/${j}`));
      const limit = cap.limit;
      if (typeof limit === 'object' && 'by' in limit)
        checkLimitBy(ctx, c, name, limit, `${ptr}/capacity/${i}/limit`);
      else if (typeof limit === 'object' && limit.bind.startsWith('item.'))
        checkItemLimit(ctx, c, limit.bind, `${ptr}/capacity/${i}/limit/bind`);
      else if (typeof limit === 'object')
        checkNumberBinding(ctx, limit.bind, `${ptr}/capacity/${i}/limit/bind`);
      checkFilter(ctx, cap.where, `${ptr}/capacity/${i}/where`, field);
    });
    for (const [cname, counter] of Object.entries(c.counters ?? {})) {
      const cptr = `${ptr}/counters/${cname}`;
      if (c.schema.properties && has(c.schema.properties, cname))
        ctx.out.push(
          issue(
            cptr,
            'counter.clash',
            `计数 “${cname}” 与同名字段冲突。`,
            `Counter "${cname}" clashes with a field of the same name.`,
          ),
        );
      const src = collectionOf(ctx, counter.source, `${cptr}/source`);
      if (src) {
        checkRecordField(ctx, src, counter.source, counter.by, `${cptr}/by`);
        checkFilter(ctx, counter.where, `${cptr}/where`, (p, at) =>
          checkRecordField(ctx, src, counter.source, p, at),
        );
      }
    }
  }
}

/**
 * `{bind, by}`: a config object with one integer per value of the enum field `by`; with `value`,
 * a config array of objects with `id` and an integer `value` key (a catalogue).
 */
function checkLimitBy(
  ctx: Ctx,
  c: CollectionDef,
  cname: string,
  limit: { bind: string; by: string; value?: string },
  ptr: string,
): void {
  checkRecordField(ctx, c, cname, limit.by, `${ptr}/by`);
  const byField = recordField(c, limit.by);
  if (!limit.bind.startsWith('config.')) {
    ctx.out.push(
      issue(
        `${ptr}/bind`,
        'ref.binding',
        '这里只能绑定 config.<路径>。',
        'Only config.<path> can be bound here.',
      ),
    );
    return;
  }
  const cfg = checkConfigPath(ctx, limit.bind.slice(7), `${ptr}/bind`);
  if (!cfg || !byField || byField === 'system') return;
  if (limit.value !== undefined) {
    const item = cfg.type === 'array' ? cfg.items?.properties : undefined;
    if (!item || !has(item, 'id') || item[limit.value]?.type !== 'integer')
      ctx.out.push(
        issue(
          `${ptr}/value`,
          'ref.bindingType',
          `“${limit.bind}” 须是对象数组，每项含 id 和整数 “${limit.value}”。`,
          `"${limit.bind}" must be an array of objects, each with id and an integer "${limit.value}".`,
        ),
      );
    return;
  }
  const keys = (byField.enum ?? []).map(String);
  const props = cfg.type === 'object' ? (cfg.properties ?? {}) : undefined;
  if (!props || keys.length === 0 || keys.some((k) => props[k]?.type !== 'integer'))
    ctx.out.push(
      issue(
        `${ptr}/bind`,
        'ref.bindingType',
        `“${limit.bind}” 须是对象，为 “${limit.by}” 的每个 enum 值（${keys.join(', ')}）给出整数。`,
        `"${limit.bind}" must be an object with an integer for each enum value of "${limit.by}" (${keys.join(', ')}).`,
      ),
    );
}

/** A `{bind: "config.x"}` used as a number must name an integer/number config property. */
/** A limit read from the record itself (`item.capacity`): an integer field of the collection. */
function checkItemLimit(ctx: Ctx, c: CollectionDef, bind: string, ptr: string): void {
  const f = recordField(c, bind.slice(5));
  if (!f || f === 'system' || f.type !== 'integer')
    ctx.out.push(
      issue(
        ptr,
        'ref.bindingType',
        `“${bind}” 必须是集合中的整数字段。`,
        `"${bind}" must be an integer field of the collection.`,
      ),
    );
}

export function checkNumberBinding(ctx: Ctx, bind: string, ptr: string): void {
  if (!bind.startsWith('config.')) {
    ctx.out.push(
      issue(
        ptr,
        'ref.binding',
        '这里只能绑定 config.<路径>。',
        'Only config.<path> can be bound here.',
      ),
    );
    return;
  }
  const s = checkConfigPath(ctx, bind.slice(7), ptr);
  if (s && s.type !== 'integer' && s.type !== 'number')
    ctx.out.push(
      issue(
        ptr,
        'ref.bindingType',
        `“${bind}” 必须是数字类型的配置项。`,
        `"${bind}" must be a number or integer config property.`,
      ),
    );
}

function checkWorkflow(ctx: Ctx, c: CollectionDef, cname: string, wf: Workflow, ptr: string): void {
  const ids = wf.states.map((s) => s.id);
  const states = new Set(ids);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i)
      ctx.out.push(
        issue(
          `${ptr}/states/${i}/id`,
          'workflow.duplicate',
          `状态 “${id}” 重复。`,
          `State "${id}" is declared twice.`,
        ),
      );
  });
  const f = recordField(c, wf.field);
  if (!f || f === 'system' || f.type !== 'string' || !f.enum)
    ctx.out.push(
      issue(
        `${ptr}/field`,
        'workflow.field',
        `状态字段 “${wf.field}” 必须是集合中带 enum 的字符串字段。`,
        `Workflow field "${wf.field}" must be a string field of the collection with an enum.`,
      ),
    );
  else {
    const e = new Set(f.enum.map(String));
    if (e.size !== states.size || ids.some((s) => !e.has(s)))
      ctx.out.push(
        issue(
          `${ptr}/field`,
          'workflow.enum',
          `状态字段的 enum 必须与 states 一致：${ids.join(', ')}。`,
          `The workflow field's enum must list exactly the states: ${ids.join(', ')}.`,
        ),
      );
  }
  const known = (s: string, at: string) => {
    if (!states.has(s))
      ctx.out.push(
        issue(
          at,
          'workflow.state',
          `状态 “${s}” 未在 states 中声明。`,
          `State "${s}" is not declared in states.`,
        ),
      );
  };
  known(wf.initial, `${ptr}/initial`);
  const seen = new Set<string>();
  const edges = new Map<string, string[]>();
  wf.transitions.forEach((t, i) => {
    const tp = `${ptr}/transitions/${i}`;
    if (seen.has(t.id))
      ctx.out.push(
        issue(
          `${tp}/id`,
          'workflow.duplicate',
          `流转 “${t.id}” 重复。`,
          `Transition "${t.id}" is declared twice.`,
        ),
      );
    seen.add(t.id);
    t.from.forEach((s, j) => known(s, `${tp}/from/${j}`));
    known(t.to, `${tp}/to`);
    checkRoles(ctx, t.roles, `${tp}/roles`, true);
    const field = (p: string, at: string) => checkRecordField(ctx, c, cname, p, at);
    checkFilter(ctx, t.where, `${tp}/where`, field);
    checkFilter(ctx, t.auto, `${tp}/auto`, field);
    checkNotify(ctx, c, cname, t.notify, `${tp}/notify`);
    for (const s of t.from) edges.set(s, [...(edges.get(s) ?? []), t.to]);
  });
  // A create may land in a waiting state, and promotion leaves it.
  const waiting = waitlistEdges(c);
  for (const [s, to] of waiting) edges.set(s, [...(edges.get(s) ?? []), to]);
  const reached = new Set([wf.initial, ...waiting.map(([s]) => s)]);
  const queue = [...reached];
  while (queue.length)
    for (const n of edges.get(queue.shift()!) ?? [])
      if (!reached.has(n)) {
        reached.add(n);
        queue.push(n);
      }
  wf.states.forEach((s, i) => {
    if (!reached.has(s.id))
      ctx.out.push(
        issue(
          `${ptr}/states/${i}`,
          'workflow.unreachable',
          `状态 “${s.id}” 从初始状态 “${wf.initial}” 无法到达。`,
          `State "${s.id}" cannot be reached from the initial state "${wf.initial}".`,
        ),
      );
    else if (!s.terminal && !edges.has(s.id))
      ctx.out.push(
        issue(
          `${ptr}/states/${i}`,
          'workflow.deadEnd',
          `状态 “${s.id}” 没有后续流转，却未标记 terminal。`,
          `State "${s.id}" has no outgoing transition but is not marked terminal.`,
          'warning',
        ),
      );
  });
}

export function checkNotify(
  ctx: Ctx,
  c: CollectionDef,
  cname: string,
  list: Notify[] | undefined,
  ptr: string,
): void {
  (list ?? []).forEach((n, i) => {
    need(ctx, 'notify:send', `${ptr}/${i}`);
    if ('role' in n.to && !ctx.roles.has(n.to.role))
      ctx.out.push(
        issue(
          `${ptr}/${i}/to/role`,
          'roles.unknown',
          `角色 “${n.to.role}” 未声明。`,
          `Role "${n.to.role}" is unknown.`,
        ),
      );
    if ('field' in n.to) checkRecordField(ctx, c, cname, n.to.field, `${ptr}/${i}/to/field`);
    if ('familyOf' in n.to && n.to.familyOf !== 'owner' && n.to.familyOf !== 'actor')
      checkRecordField(ctx, c, cname, n.to.familyOf, `${ptr}/${i}/to/familyOf`);
    checkFilter(ctx, n.when, `${ptr}/${i}/when`, (p, at) => checkRecordField(ctx, c, cname, p, at));
    if (n.view !== undefined && !ctx.m.views.some((v) => v.id === n.view))
      ctx.out.push(
        issue(
          `${ptr}/${i}/view`,
          'ref.view',
          `视图 “${n.view}” 不存在。`,
          `View "${n.view}" does not exist.`,
        ),
      );
  });
}

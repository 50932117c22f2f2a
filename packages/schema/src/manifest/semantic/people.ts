import { forEachCondition } from '../../filter/shape';
import type { Filter } from '../../filter/types';
import { issue } from '../../errors/messages';
import { MEMBER_ATTRIBUTES } from '../../people/vocabulary';
import type { CollectionDef, Transition } from '../types';
import { checkNotify } from './collections';
import { checkFilter, checkRoles, has, recordField } from './context';
import type { Ctx } from './context';

/**
 * Waitlists, acting for family members, eligibility, assignment (design §4): the rules the
 * meta-schema cannot state. `familyOf` targets and waitlist reachability are checked where
 * notifications and workflows are (collections.ts).
 */
export function checkPeople(ctx: Ctx): void {
  for (const [name, c] of Object.entries(ctx.m.collections)) {
    checkWaitlists(ctx, c, name, `/collections/${name}`);
    c.workflow?.transitions.forEach((t, i) =>
      checkAssign(ctx, c, name, t, `/collections/${name}/workflow/transitions/${i}`),
    );
  }
  for (const [name, a] of Object.entries(ctx.m.actions)) {
    const ptr = `/actions/${name}`;
    if (a.onBehalf && a.type === 'redeem')
      ctx.out.push(
        issue(
          `${ptr}/onBehalf`,
          'onBehalf.redeem',
          '兑换会扣减本人积分，不能代他人办理。',
          'A redeem spends the caller’s own points, so it cannot be run for someone else.',
        ),
      );
    checkEligible(ctx, a.eligible, a.eligibleMessage !== undefined, ptr);
  }
  checkActsForUse(ctx);
}

function checkWaitlists(ctx: Ctx, c: CollectionDef, cname: string, ptr: string): void {
  const rules = (c.capacity ?? []).map((r, i) => [r, i] as const).filter(([r]) => r.waitlist);
  rules.forEach(([rule, i], n) => {
    const wl = rule.waitlist!;
    const at = `${ptr}/capacity/${i}/waitlist`;
    if (n > 0)
      ctx.out.push(
        issue(
          at,
          'waitlist.one',
          '一个集合只能有一条带候补的名额规则。',
          'A collection may have only one capacity rule with a waitlist.',
        ),
      );
    const wf = c.workflow;
    if (!wf) {
      ctx.out.push(
        issue(
          at,
          'waitlist.workflow',
          '候补需要集合声明 workflow，候补和转正都是流程状态。',
          'A waitlist needs the collection to declare a workflow: waiting and promoted are workflow states.',
        ),
      );
      return;
    }
    const states = new Set(wf.states.map((s) => s.id));
    for (const key of ['state', 'promoteTo'] as const)
      if (!states.has(wl[key]))
        ctx.out.push(
          issue(
            `${at}/${key}`,
            'workflow.state',
            `状态 “${wl[key]}” 未在 workflow.states 中声明。`,
            `State "${wl[key]}" is not declared in workflow.states.`,
          ),
        );
    if (wl.state === wl.promoteTo || wl.state === wf.initial)
      ctx.out.push(
        issue(
          `${at}/state`,
          'waitlist.states',
          '候补状态须是自己的状态：不同于 promoteTo，也不是初始状态。',
          'The waiting state must be a state of its own: neither promoteTo nor the initial state.',
        ),
      );
    if (wf.states.find((s) => s.id === wl.promoteTo)?.terminal)
      ctx.out.push(
        issue(
          `${at}/promoteTo`,
          'waitlist.states',
          '转正后的状态不能是终止状态（转正的记录要占用名额）。',
          'promoteTo cannot be a terminal state (a promoted record holds a place).',
        ),
      );
    checkNotify(ctx, c, cname, wl.notify, `${at}/notify`);
  });
}

function checkAssign(ctx: Ctx, c: CollectionDef, cname: string, t: Transition, ptr: string): void {
  const assign = t.assign;
  if (!assign) return;
  const at = `${ptr}/assign`;
  const f = recordField(c, assign.field);
  if (!f || f === 'system' || f.type !== 'string' || assign.field === c.workflow?.field)
    ctx.out.push(
      issue(
        `${at}/field`,
        'assign.field',
        `指派字段 “${assign.field}” 须是集合 “${cname}” 中的字符串字段（存放被指派人的账号 id）。`,
        `The assignee field "${assign.field}" must be a string field of collection "${cname}" (it holds the assignee's account id).`,
      ),
    );
  checkRoles(ctx, [assign.role], `${at}/role`, true);
  if (assign.role === 'vendor')
    ctx.out.push(
      issue(
        `${at}/role`,
        'assign.role',
        '只能指派给社区中的角色（不能是 vendor 或 public）。',
        'Records can only be assigned to roles held in a community (not vendor or public).',
      ),
    );
  for (const [name, a] of Object.entries(ctx.m.actions)) {
    if (a.type !== 'transition' || a.collection !== cname || a.transition !== t.id) continue;
    const input = a.input?.properties;
    if (!input || !has(input, assign.field) || input[assign.field]!.type !== 'string')
      ctx.out.push(
        issue(
          `/actions/${name}/input`,
          'assign.input',
          `操作 “${name}” 执行带指派的流转 “${t.id}”，其 input 须有字符串字段 “${assign.field}”（选择被指派人）。`,
          `Action "${name}" runs transition "${t.id}", which assigns, so its input needs the string field "${assign.field}" (the person chosen).`,
        ),
      );
  }
}

const MEMBER_FIELDS = new Set(MEMBER_ATTRIBUTES.map((a) => `member.${a}`));

function checkEligible(
  ctx: Ctx,
  eligible: Filter | undefined,
  hasMessage: boolean,
  ptr: string,
): void {
  if (!eligible) {
    if (hasMessage)
      ctx.out.push(
        issue(
          `${ptr}/eligibleMessage`,
          'eligible.message',
          '没有 eligible 条件，eligibleMessage 不会显示。',
          'There is no eligible condition, so eligibleMessage is never shown.',
          'warning',
        ),
      );
    return;
  }
  checkFilter(ctx, eligible, `${ptr}/eligible`, (path, at) => {
    if (!MEMBER_FIELDS.has(path))
      ctx.out.push(
        issue(
          at,
          'eligible.field',
          `资格条件只能判断居民属性：${[...MEMBER_FIELDS].join('、')}。`,
          `An eligibility condition can only test member attributes: ${[...MEMBER_FIELDS].join(', ')}.`,
        ),
      );
  });
  if (!hasMessage)
    ctx.out.push(
      issue(
        `${ptr}/eligible`,
        'eligible.message',
        '有 eligible 条件时须写 eligibleMessage，告诉不符合条件的人原因。',
        'With an eligible condition, write eligibleMessage to tell the people it refuses why.',
      ),
    );
}

/** `user.actsFor` is a list of ids: only `in`/`nin` compare a field with it. */
function checkActsForUse(ctx: Ctx): void {
  const visit = (f: Filter | undefined, ptr: string) => {
    if (!f) return;
    forEachCondition(
      f,
      (cond, p) => {
        const v = cond.value as unknown;
        const isActsFor =
          typeof v === 'object' && v !== null && (v as { var?: unknown }).var === 'user.actsFor';
        if (isActsFor && cond.op !== 'in' && cond.op !== 'nin')
          ctx.out.push(
            issue(
              `${ptr}${p}/op`,
              'filter.actsFor',
              'user.actsFor 是一组账号 id，须用 in 或 nin 比较。',
              'user.actsFor is a list of account ids: compare with in or nin.',
            ),
          );
      },
      '',
    );
  };
  for (const [name, c] of Object.entries(ctx.m.collections))
    c.access.read.forEach((r, i) => visit(r.where, `/collections/${name}/access/read/${i}/where`));
  for (const [name, q] of Object.entries(ctx.m.queries)) visit(q.where, `/queries/${name}/where`);
}

import { issue } from '../../errors/messages';
import { forEachCondition } from '../../filter/shape';
import type { CollectionDef } from '../types';
import { checkConfigPath, recordField } from './context';
import type { Ctx } from './context';

/**
 * `capacity[].overflow`: when the rule is full a create is written with `set` instead of being
 * refused (a meal beyond the month's subsidised ones at full price). `set` names plugin fields
 * with values of their type, and must change a field the rule's `where` reads — otherwise the
 * record would still count under the full rule; `allowed` binds a config boolean. A waitlist
 * already says what happens when the rule is full, so the two do not go together.
 */
export function checkCapacityOverflow(ctx: Ctx): void {
  for (const [name, c] of Object.entries(ctx.m.collections)) {
    (c.capacity ?? []).forEach((rule, i) => {
      const ptr = `/collections/${name}/capacity/${i}/overflow`;
      const overflow = rule.overflow;
      if (!overflow) return;
      if (rule.waitlist)
        ctx.out.push(
          issue(
            ptr,
            'capacity.overflow',
            '同一条名额规则不能既有候补（waitlist）又有超额处理（overflow）。',
            'A capacity rule keeps either a waitlist or an overflow, not both.',
          ),
        );
      const read = new Set<string>();
      if (rule.where) forEachCondition(rule.where, (cond) => read.add(cond.field));
      const set = Object.entries(overflow.set);
      for (const [field, value] of set) checkSetValue(ctx, c, field, value, `${ptr}/set/${field}`);
      if (!set.some(([field]) => read.has(field)))
        ctx.out.push(
          issue(
            `${ptr}/set`,
            'capacity.overflow',
            '超额处理的 set 必须改动名额规则 where 中的字段，使记录不再占用这条规则的名额。',
            "The overflow's set must change a field the rule's where reads, so the record no longer counts under the rule.",
          ),
        );
      if (typeof overflow.allowed === 'object') {
        const bind = overflow.allowed.bind;
        const cfg = bind.startsWith('config.')
          ? checkConfigPath(ctx, bind.slice(7), `${ptr}/allowed/bind`)
          : undefined;
        if (!bind.startsWith('config.') || (cfg && cfg.type !== 'boolean'))
          ctx.out.push(
            issue(
              `${ptr}/allowed/bind`,
              'ref.bindingType',
              `“${bind}” 必须是 config 中的布尔值。`,
              `"${bind}" must be a boolean of config.`,
            ),
          );
      }
    });
  }
}

function checkSetValue(ctx: Ctx, c: CollectionDef, field: string, value: unknown, ptr: string) {
  const f = recordField(c, field);
  const wf = c.workflow?.field;
  const type = f && f !== 'system' ? f.type : undefined;
  const fits =
    value === null ||
    (type === 'string' && typeof value === 'string') ||
    (type === 'boolean' && typeof value === 'boolean') ||
    (type === 'number' && typeof value === 'number') ||
    (type === 'integer' && Number.isInteger(value));
  if (!f || f === 'system' || field === wf || !fits)
    ctx.out.push(
      issue(
        ptr,
        'capacity.overflow',
        `“${field}” 须是集合中的字段（不是系统字段或状态字段），取值类型与字段一致。`,
        `"${field}" must be a field of the collection (not a system or workflow field), with a value of its type.`,
      ),
    );
}

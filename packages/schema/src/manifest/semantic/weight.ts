import { issue } from '../../errors/messages';
import { recordField } from './context';
import type { Ctx } from './context';

/**
 * `capacity[].weight`: a limit on a sum (hours, not bookings). The weight is a number field of
 * the collection. A waitlist promotes the first in line when one place frees, which a sum cannot
 * promise (the freed hours may not fit the next record), so the two do not go together.
 */
export function checkCapacityWeights(ctx: Ctx): void {
  for (const [name, c] of Object.entries(ctx.m.collections)) {
    (c.capacity ?? []).forEach((rule, i) => {
      const weight = rule.weight;
      if (!weight) return;
      const ptr = `/collections/${name}/capacity/${i}/weight`;
      const f = recordField(c, weight.field);
      if (!f || f === 'system' || (f.type !== 'number' && f.type !== 'integer'))
        ctx.out.push(
          issue(
            `${ptr}/field`,
            'capacity.weight',
            `名额规则的权重“${weight.field}”必须是集合中的数字字段。`,
            `The rule's weight "${weight.field}" must be a number field of the collection.`,
          ),
        );
      if (rule.waitlist)
        ctx.out.push(
          issue(
            ptr,
            'capacity.weight',
            '按总量计算的名额规则（weight）不能带候补（waitlist）。',
            'A capacity rule on a sum (weight) cannot keep a waitlist.',
          ),
        );
    });
  }
}

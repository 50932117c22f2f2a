import { issue } from '../../errors/messages';
import { isTimeAnchor } from '../../time/relative';
import type { Ctx } from './context';
import { recordField } from './context';

/**
 * `offset` and `as` in an action's `set` only move time vars (`{"var": "today", "offset": "P1D"}`).
 * `{"var": "item.<field>", "as": "month"}` (a create only) is the local month of a date field of
 * the new record: a key for per-month limits counted by the day a meal is for, not booked on.
 */
export function checkTimeValues(ctx: Ctx): void {
  for (const [name, a] of Object.entries(ctx.m.actions)) {
    const set = (a as { set?: Record<string, unknown> }).set ?? {};
    for (const [field, v] of Object.entries(set)) {
      if (typeof v !== 'object' || v === null || !('var' in v)) continue;
      const value = v as { var: string; offset?: string; as?: string };
      const ptr = `/actions/${name}/set/${field}`;
      if (value.var.startsWith('item.')) {
        const c = ctx.m.collections[a.collection];
        const f = c ? recordField(c, value.var.slice(5)) : undefined;
        const isDate = f === 'system' || (f !== undefined && f.format?.startsWith('date'));
        if (a.type !== 'create' || value.as !== 'month' || value.offset !== undefined || !isDate)
          ctx.out.push(
            issue(
              ptr,
              'filter.relative',
              '{"var": "item.<字段>"} 只用于新建操作，且须写 as: "month"，字段是记录的日期字段。',
              '{"var": "item.<field>"} belongs to create actions, with as: "month", on a date field of the record.',
            ),
          );
        continue;
      }
      if ((value.offset !== undefined || value.as !== undefined) && !isTimeAnchor(value.var))
        ctx.out.push(
          issue(
            ptr,
            'filter.relative',
            'offset 与 as 只能用于时间变量（now、today、startOfDay/Week/Month/Year）。',
            'offset and as belong to time vars only (now, today, startOfDay/Week/Month/Year).',
          ),
        );
    }
  }
}

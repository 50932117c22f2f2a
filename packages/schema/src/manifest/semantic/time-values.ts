import { issue } from '../../errors/messages';
import { isTimeAnchor } from '../../time/relative';
import type { Ctx } from './context';

/** `offset` and `as` in an action's `set` only move time vars (`{"var": "today", "offset": "P1D"}`). */
export function checkTimeValues(ctx: Ctx): void {
  for (const [name, a] of Object.entries(ctx.m.actions)) {
    const set = (a as { set?: Record<string, unknown> }).set ?? {};
    for (const [field, v] of Object.entries(set)) {
      if (typeof v !== 'object' || v === null || !('var' in v)) continue;
      const value = v as { var: string; offset?: string; as?: string };
      if ((value.offset !== undefined || value.as !== undefined) && !isTimeAnchor(value.var))
        ctx.out.push(
          issue(
            `/actions/${name}/set/${field}`,
            'filter.relative',
            'offset 与 as 只能用于时间变量（now、today、startOfDay/Week/Month/Year）。',
            'offset and as belong to time vars only (now, today, startOfDay/Week/Month/Year).',
          ),
        );
    }
  }
}

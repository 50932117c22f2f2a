import { issue } from '../../errors/messages';
import { createActionsWith, has, type Ctx } from './context';

/** `repeat` on create actions: the rule is an input text, the date a date field, `seriesId` declared. */
export function checkRecurrence(ctx: Ctx): void {
  for (const [name, a] of createActionsWith(ctx, 'repeat')) {
    const r = a.repeat!;
    const ptr = `/actions/${name}/repeat`;
    const say = (at: string, code: string, zh: string, en: string) =>
      ctx.out.push(issue(`${ptr}${at}`, code, zh, en));
    const input = a.input?.properties ?? {};
    if (!has(input, r.rule) || input[r.rule]!.type !== 'string')
      say(
        '/rule',
        'repeat.rule',
        `“${r.rule}” 须为本操作 input 中的文本字段（存放重复规则，如 FREQ=WEEKLY;COUNT=10）。`,
        `"${r.rule}" must be a text field of this action's input (it holds the rule, like FREQ=WEEKLY;COUNT=10).`,
      );
    const schema = ctx.m.collections[a.collection]?.schema;
    if (!schema) continue;
    const date = schema.properties?.[r.dateField];
    if (!date || date.type !== 'string' || date.format !== 'date')
      say(
        '/dateField',
        'repeat.dateField',
        `“${r.dateField}” 须为集合 “${a.collection}” 的日期字段（format: date）。`,
        `"${r.dateField}" must be a date field (format: date) of collection "${a.collection}".`,
      );
    const series = schema.properties?.seriesId;
    if (!series || series.type !== 'string')
      say(
        '',
        'repeat.seriesId',
        `集合 “${a.collection}” 须声明文本字段 seriesId：同一系列的记录共用它。`,
        `Collection "${a.collection}" must declare a text field seriesId: records of one series share it.`,
      );
  }
}

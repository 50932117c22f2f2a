// An action's cut-offs (`deadline`, and `opens` on a create): a date field of the record or the
// input, and a time that is literal, the operator's (config) or the record's own (an event's start).
import { issue } from '../../errors/messages';
import type { ActionDef, CollectionDef } from '../types';
import { checkConfigPath, checkRecordField, has, recordField } from './context';
import type { Ctx } from './context';

export function checkCutOffs(ctx: Ctx, a: ActionDef, c: CollectionDef, ptr: string): void {
  const cutOffs = [
    ['deadline', a.deadline],
    ['opens', a.type === 'create' ? a.opens : undefined],
  ] as const;
  for (const [part, dl] of cutOffs) {
    if (!dl) continue;
    const inInput = a.input?.properties && has(a.input.properties, dl.date);
    if (!inInput) checkRecordField(ctx, c, a.collection, dl.date, `${ptr}/${part}/date`);
    if (typeof dl.time === 'object') {
      // The cut-off time is the operator's (config) or the record's own (an event's start).
      const { bind } = dl.time;
      const at = `${ptr}/${part}/time/bind`;
      const own = bind.startsWith('item.') ? bind.slice(5) : undefined;
      if (own !== undefined) checkRecordField(ctx, c, a.collection, own, at);
      const s = bind.startsWith('config.')
        ? checkConfigPath(ctx, bind.slice(7), at)
        : own !== undefined
          ? recordField(c, own)
          : undefined;
      if (!bind.startsWith('config.') && own === undefined)
        ctx.out.push(
          issue(
            at,
            'ref.binding',
            '截止时间只能绑定 config.<路径> 或 item.<字段>。',
            'The cut-off time can only bind config.<path> or item.<field>.',
          ),
        );
      else if (s && (s === 'system' || s.type !== 'string'))
        ctx.out.push(
          issue(
            at,
            'ref.bindingType',
            '截止时间须为 HH:MM 字符串。',
            'The cut-off time must be an HH:MM string.',
          ),
        );
    }
  }
}

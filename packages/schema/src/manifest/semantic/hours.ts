import { issue } from '../../errors/messages';
import { hoursFilledFields } from '../parts/hours';
import { WEEKDAYS } from '../parts/schedules';
import { checkConfigPath, createActionsWith, has, recordField, type Ctx } from './context';

/**
 * `hours` on create actions: `entry` is a field with `x-options` bound to a config array whose
 * entries declare the `opens`, `closes` (text) and `minutes` (integer) keys; `date` is a date
 * field and `start` a text field of the record, both in the input; the fields the server fills
 * are text fields of the record that the caller does not also send.
 */
export function checkHours(ctx: Ctx): void {
  for (const [name, a] of createActionsWith(ctx, 'hours')) {
    const h = a.hours!;
    const ptr = `/actions/${name}/hours`;
    const say = (at: string, zh: string, en: string) =>
      ctx.out.push(issue(`${ptr}/${at}`, 'create.hours', zh, en));
    const c = ctx.m.collections[a.collection];
    if (!c) continue; // the action check reports the collection
    const input = a.input?.properties ?? {};
    const entry = recordField(c, h.entry);
    const options = entry && entry !== 'system' ? entry['x-options'] : undefined;
    if (!options || !options.bind.startsWith('config.'))
      say(
        'entry',
        `“${h.entry}” 须是带 x-options（配置目录）的字段。`,
        `"${h.entry}" must be a field with x-options bound to a config catalogue.`,
      );
    else {
      const list = checkConfigPath(ctx, options.bind.slice(7), `${ptr}/entry`);
      const item = list?.type === 'array' ? list.items?.properties : undefined;
      const keys: [string, string, 'string' | 'integer'][] = [
        ['opens', h.opens, 'string'],
        ['closes', h.closes, 'string'],
        ['minutes', h.minutes, 'integer'],
      ];
      for (const [at, key, type] of keys)
        if (list && (!item || !has(item, key) || item[key]!.type !== type))
          say(
            at,
            `“${options.bind}” 的条目须有 ${type === 'integer' ? '整数' : '文本'}字段 “${key}”。`,
            `The entries of "${options.bind}" need a ${type === 'integer' ? 'whole-number' : 'text'} field "${key}".`,
          );
      const closed =
        h.closedOn !== undefined && item && has(item, h.closedOn) ? item[h.closedOn] : undefined;
      const days = closed?.type === 'array' ? closed.items?.enum : undefined;
      if (list && h.closedOn !== undefined && !(days && days.every((d) => isWeekday(d))))
        say(
          'closedOn',
          `“${options.bind}” 的条目须有字段 “${h.closedOn}”：星期（mon … sun）的数组。`,
          `The entries of "${options.bind}" need a field "${h.closedOn}": an array of days of the week (mon … sun).`,
        );
    }
    const date = recordField(c, h.date);
    if (!date || date === 'system' || date.format !== 'date' || !has(input, h.date))
      say(
        'date',
        `“${h.date}” 须是集合中 format 为 date 的字段，并在操作的 input 中。`,
        `"${h.date}" must be a field with format "date" and part of the action's input.`,
      );
    const start = recordField(c, h.start);
    if (!start || start === 'system' || start.type !== 'string' || !has(input, h.start))
      say(
        'start',
        `“${h.start}” 须是集合中的文本字段，并在操作的 input 中。`,
        `"${h.start}" must be a text field of the collection and part of the action's input.`,
      );
    for (const key of ['end', 'startsAt', 'endsAt', 'week'] as const) {
      const field = h[key];
      if (!field || !hoursFilledFields(h).includes(field)) continue;
      const f = recordField(c, field);
      if (
        !f ||
        f === 'system' ||
        f.type !== 'string' ||
        has(input, field) ||
        has(a.set ?? {}, field)
      )
        say(
          key,
          `“${field}” 须是集合中的文本字段，且不在该操作的 input 或 set 中（由服务器填写）。`,
          `"${field}" must be a text field of the collection that is neither in the action's input nor in its set (the server fills it).`,
        );
    }
  }
}

const isWeekday = (d: unknown): boolean => (WEEKDAYS as readonly unknown[]).includes(d);

/** A slot picker draws `slots`, or the chosen entry's slots when its action has `hours`. */
export function checkSlotPickerSlots(ctx: Ctx, props: Record<string, unknown>, ptr: string): void {
  if (props.slots !== undefined || typeof props.action !== 'string') return;
  const action = has(ctx.m.actions, props.action) ? ctx.m.actions[props.action] : undefined;
  if (action?.type === 'create' && action.hours) return;
  ctx.out.push(
    issue(
      `${ptr}/props`,
      'view.slots',
      '时段选择需要 slots，或其操作声明 hours（按开放时段生成时段）。',
      'A slot picker needs slots, or an action with hours (slots from the opening hours).',
    ),
  );
}

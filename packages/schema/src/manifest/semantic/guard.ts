import { issue } from '../../errors/messages';
import type { GuardNumber } from '../parts/guard';
import { checkNotify } from './collections';
import {
  checkConfigPath,
  checkFilter,
  checkRecordField,
  checkRoles,
  collectionOf,
  createActionsWith,
  has,
  recordField,
  type Ctx,
} from './context';

const TIMESTAMPS = new Set(['createdAt', 'updatedAt']);

/**
 * `guard` on create actions: a collection of the plugin, a filter over its fields, a day field
 * (a date, or a timestamp read in the zone), numbers or integer config settings, notices about
 * the counted record, lift roles that exist; guard ids unique in the plugin (they key tallies).
 */
export function checkGuards(ctx: Ctx): void {
  const seen = new Map<string, string>();
  for (const [name, a] of createActionsWith(ctx, 'guard')) {
    const g = a.guard!;
    const ptr = `/actions/${name}/guard`;
    const say = (at: string, code: string, zh: string, en: string) =>
      ctx.out.push(issue(`${ptr}/${at}`, code, zh, en));
    const other = seen.get(g.id);
    if (other)
      say(
        'id',
        'guard.id',
        `守卫 id “${g.id}” 已用于操作 “${other}”。`,
        `Guard id "${g.id}" is already used by action "${other}".`,
      );
    seen.set(g.id, name);
    const cname = g.collection ?? a.collection;
    const c = collectionOf(ctx, cname, `${ptr}/collection`);
    if (!c) continue;
    checkFilter(ctx, g.where, `${ptr}/where`, (p, at) => checkRecordField(ctx, c, cname, p, at));
    const day = recordField(c, g.date);
    const isDay =
      day === 'system'
        ? TIMESTAMPS.has(g.date)
        : day?.type === 'string' && (day.format === 'date' || day.format === 'date-time');
    if (!isDay)
      say(
        'date',
        'guard.date',
        `“${g.date}” 须是集合 “${cname}” 中 format 为 date 或 date-time 的字段（或 createdAt、updatedAt）。`,
        `"${g.date}" must be a field of "${cname}" with format "date" or "date-time" (or createdAt, updatedAt).`,
      );
    for (const key of ['atLeast', 'withinDays', 'pauseDays'] as const) {
      const v: GuardNumber = g[key];
      if (typeof v === 'number') {
        if (!Number.isInteger(v) || (key !== 'atLeast' && v < 1))
          say(
            key,
            'guard.number',
            `${key} 须是${key === 'atLeast' ? '非负' : '正'}整数。`,
            `${key} must be a ${key === 'atLeast' ? 'non-negative' : 'positive'} whole number.`,
          );
        continue;
      }
      const s = v.bind.startsWith('config.')
        ? checkConfigPath(ctx, v.bind.slice(7), `${ptr}/${key}/bind`)
        : undefined;
      if (!v.bind.startsWith('config.') || (s && s.type !== 'integer'))
        say(
          `${key}/bind`,
          'guard.number',
          `${key} 须绑定 config 中的整数。`,
          `${key} must bind a whole-number config property.`,
        );
    }
    checkNotify(ctx, c, cname, g.notify, `${ptr}/notify`);
    if (g.lift) checkRoles(ctx, g.lift.roles, `${ptr}/lift/roles`, true);
  }
}

/** A `pauses` list names a create action whose guard says who may lift its pauses. */
export function checkPausesNode(ctx: Ctx, props: Record<string, unknown>, ptr: string): void {
  if (typeof props.action !== 'string' || !has(ctx.m.actions, props.action)) return;
  const a = ctx.m.actions[props.action]!;
  if (a.type === 'create' && a.guard?.lift) return;
  ctx.out.push(
    issue(
      `${ptr}/props/action`,
      'view.pauses',
      '暂停名单需要一个声明了 guard 和 guard.lift 的新建操作。',
      'A pauses list needs a create action with a guard that declares lift.',
    ),
  );
}

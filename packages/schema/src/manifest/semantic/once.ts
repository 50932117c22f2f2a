import { issue } from '../../errors/messages';
import { createActionsWith, type Ctx } from './context';

/** `set` values that would write a person into an anonymous record. */
const PERSONAL_VARS = new Set([
  'user.id',
  'user.displayName',
  'user.household',
  'actor.id',
  'actor.displayName',
]);

/**
 * `once` on create actions. An action that may be anonymous writes nothing that names the person:
 * no points (the ledger names the record and the payee), no notice to the owner or their family
 * (there is no owner), no acting for family, no `set` of the person's id, name or household.
 */
export function checkOnce(ctx: Ctx): void {
  for (const [name, a] of createActionsWith(ctx, 'once')) {
    const once = a.once!;
    const ptr = `/actions/${name}`;
    const say = (at: string, code: string, zh: string, en: string) =>
      ctx.out.push(issue(`${ptr}${at}`, code, zh, en));
    if (a.repeat)
      say(
        '/once',
        'once.repeat',
        'once 与 repeat 不能同时使用：一次提交只写一条记录。',
        'once and repeat cannot go together: an answer is one record.',
      );
    const props = ctx.m.collections[a.collection]?.schema.properties ?? {};
    if (once.per && !Object.prototype.hasOwnProperty.call(props, once.per))
      say(
        '/once/per',
        'once.per',
        `“${once.per}” 须为集合 “${a.collection}” 的字段。`,
        `"${once.per}" must be a field of collection "${a.collection}".`,
      );
    if (once.anonymous === undefined || once.anonymous === false) continue;
    const why = { zh: '匿名提交不能记录提交人', en: 'an anonymous answer may not name its author' };
    if (a.points)
      say(
        '/points',
        'once.anonymous.points',
        `可匿名提交的操作不能奖励积分：积分流水会关联到提交人（${why.zh}）。`,
        `An action that may be anonymous cannot award points: the points ledger would link the record to the person (${why.en}).`,
      );
    if (a.onBehalf)
      say(
        '/onBehalf',
        'once.anonymous.onBehalf',
        `可匿名提交的操作不能代家人办理（${why.zh}）。`,
        `An action that may be anonymous cannot be run for a family member (${why.en}).`,
      );
    (a.notify ?? []).forEach((n, i) => {
      if ('owner' in n.to || 'actor' in n.to || 'familyOf' in n.to)
        say(
          `/notify/${i}/to`,
          'once.anonymous.notify',
          `可匿名提交的操作只能通知某个角色，不能通知提交人或其家人（${why.zh}）。`,
          `An action that may be anonymous may only notify a role, never the author or their family (${why.en}).`,
        );
    });
    for (const [field, value] of Object.entries(a.set ?? {})) {
      if (
        value !== null &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        'var' in value &&
        PERSONAL_VARS.has(value.var)
      )
        say(
          `/set/${field}`,
          'once.anonymous.set',
          `可匿名提交的操作不能写入 ${value.var}（${why.zh}）。`,
          `An action that may be anonymous cannot store ${value.var} (${why.en}).`,
        );
    }
  }
}

import { personalFields } from '../../access/privacy';
import { issue } from '../../errors/messages';
import type { Filter } from '../../filter/types';
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
    if (once.visitors !== undefined && once.visitors !== false) checkVisitors(ctx, name);
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

/**
 * An action open to visitors (`once.visitors`) takes writes from people the platform knows
 * nothing about: it pays no points (nobody to pay, and a new browser would be paid again), acts
 * for no family, notifies no author, stores nobody's id or name, and its collection holds no
 * personal data (a visitor consented to nothing and cannot ask for it to be deleted).
 */
function checkVisitors(ctx: Ctx, name: string): void {
  const a = ctx.m.actions[name]!;
  if (a.type !== 'create') return;
  const say = (at: string, code: string, zh: string, en: string) =>
    ctx.out.push(issue(`/actions/${name}${at}`, code, zh, en));
  if (a.points)
    say(
      '/points',
      'once.visitors.points',
      '对访客开放的操作不能奖励积分：访客没有账户，换个浏览器就能再领一次。',
      'An action open to visitors cannot award points: a visitor has no account, and another browser would be paid again.',
    );
  if (a.onBehalf)
    say(
      '/onBehalf',
      'once.visitors.onBehalf',
      '对访客开放的操作不能代家人办理：访客没有家人关联。',
      'An action open to visitors cannot be run for a family member: a visitor has no family links.',
    );
  (a.notify ?? []).forEach((n, i) => {
    if ('owner' in n.to || 'actor' in n.to || 'familyOf' in n.to)
      say(
        `/notify/${i}/to`,
        'once.visitors.notify',
        '对访客开放的操作只能通知某个角色：访客没有收件箱。',
        'An action open to visitors may only notify a role: a visitor has no inbox.',
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
        'once.visitors.set',
        `对访客开放的操作不能写入 ${value.var}：访客没有身份。`,
        `An action open to visitors cannot store ${value.var}: a visitor has no identity.`,
      );
  }
  const v = a.once?.visitors;
  if (typeof v === 'object' && filterFields(v).some((f) => !/^config\.[A-Za-z_]/.test(f)))
    say(
      '/once/visitors',
      'once.visitors.filter',
      'once.visitors 的条件只能读取 config.* 字段（运营的设置），访客本身没有可判断的信息。',
      "The once.visitors filter may read config.* fields only (the operator's settings): there is nothing to judge about a visitor.",
    );
  const collection = ctx.m.collections[a.collection];
  const pii = collection ? personalFields(collection.schema) : [];
  if (pii.length > 0)
    say(
      '/once/visitors',
      'once.visitors.pii',
      `对访客开放的操作不能写入含个人信息的集合 “${a.collection}”（${pii.map((p) => p.path.join('.')).join('、')}）：访客未同意提供，也无法要求删除。`,
      `An action open to visitors cannot write to "${a.collection}", which holds personal data (${pii.map((p) => p.path.join('.')).join(', ')}): a visitor consented to nothing and cannot ask for it to be deleted.`,
    );
}

function filterFields(f: Filter): string[] {
  if ('all' in f) return f.all.flatMap(filterFields);
  if ('any' in f) return f.any.flatMap(filterFields);
  if ('not' in f) return filterFields(f.not);
  return [f.field];
}

import rrule from 'rrule';
import type * as RRuleModule from 'rrule';
import { addDays, parseDate, type CreateAction, type RepeatDef } from '@scene/schema';
import { validationFailed } from '../../http/errors';

// rrule ships CommonJS without named exports for Node's ESM loader.
const { RRule, datetime } = rrule as unknown as typeof RRuleModule;

const PART =
  /^(?:FREQ=(?:DAILY|WEEKLY|MONTHLY)|INTERVAL=[1-9][0-9]?|COUNT=[1-9][0-9]{0,2}|UNTIL=\d{8}(?:T\d{6}Z)?|BYDAY=(?:[+-]?[1-5]?(?:MO|TU|WE|TH|FR|SA|SU))(?:,[+-]?[1-5]?(?:MO|TU|WE|TH|FR|SA|SU)){0,6})$/;

function refuse(field: string, zh: string, en: string): never {
  throw validationFailed('The repeat rule is not valid.', {
    issues: [
      {
        pointer: `/${field}`,
        code: 'repeat.rule',
        severity: 'error',
        message: { 'zh-CN': zh, en },
      },
    ],
  });
}

/**
 * The dates of a series: from `start` (a `YYYY-MM-DD`) by the rule, at most `repeat.max`. Only
 * the subset FREQ=DAILY|WEEKLY|MONTHLY, INTERVAL, COUNT or UNTIL, BYDAY is accepted. Dates carry
 * no time of day, so they are expanded as calendar dates: the same in every time zone.
 */
export function seriesDates(repeat: RepeatDef, rule: unknown, start: unknown): string[] {
  const day = parseDate(start);
  if (!day) refuse(repeat.dateField, '需要开始日期。', 'A start date is needed.');
  if (typeof rule !== 'string' || rule.length === 0 || rule.length > 200)
    refuse(repeat.rule, '需要重复规则。', 'A repeat rule is needed.');
  const parts = rule.replace(/^RRULE:/, '').split(';');
  const keys = parts.map((p) => p.split('=')[0]);
  if (
    !parts.every((p) => PART.test(p)) ||
    new Set(keys).size !== keys.length ||
    !keys.includes('FREQ') ||
    (keys.includes('COUNT') && keys.includes('UNTIL'))
  )
    refuse(
      repeat.rule,
      '重复规则只能用 FREQ=DAILY|WEEKLY|MONTHLY，以及 INTERVAL、COUNT 或 UNTIL、BYDAY，如 FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10。',
      'A repeat rule uses FREQ=DAILY|WEEKLY|MONTHLY with INTERVAL, COUNT or UNTIL, and BYDAY only, like FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10.',
    );
  const r = new RRule({
    ...RRule.parseString(parts.join(';')),
    dtstart: datetime(day.year, day.month, day.day),
  });
  const dates = r.all((_, i) => i < repeat.max).map((d) => d.toISOString().slice(0, 10));
  return dates.length ? dates : [addDays(day, 0)];
}

export const repeats = (a: CreateAction): a is CreateAction & { repeat: RepeatDef } =>
  a.repeat !== undefined;

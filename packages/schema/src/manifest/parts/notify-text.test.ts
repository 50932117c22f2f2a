import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateManifest } from '../validate';
import { configValueWords, withConfigValues } from './notify-text';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- broken fixtures deliberately leave the type
type Loose = any;

const canteen = (): Loose =>
  JSON.parse(
    readFileSync(
      new URL('../../../../../plugins/elderly-canteen/plugin.json', import.meta.url),
      'utf8',
    ),
  );
const found = (m: unknown) => {
  const r = validateManifest(m);
  return [...r.errors, ...r.warnings].map((i) => [i.pointer, i.code]);
};

describe('{config.<key>} in a notice', () => {
  it('reads config values as people do: a time, a date, a list, a label, yes/no', () => {
    expect(configValueWords('09:30', 'zh-CN')).toBe('9:30');
    expect(configValueWords('18:00', 'en')).toBe('18:00');
    expect(configValueWords('2026-12-05', 'zh-CN')).toBe('12月5日');
    expect(configValueWords('2026-12-05', 'en')).toBe('5 Dec');
    expect(configValueWords(['午餐', '晚餐'], 'zh-CN')).toBe('午餐、晚餐');
    expect(configValueWords(['lunch', 'dinner'], 'en')).toBe('lunch, dinner');
    expect(
      configValueWords(
        [
          { id: 'a', label: { 'zh-CN': '活动室', en: 'Activity room' } },
          { id: 'b', label: '篮球场' },
        ],
        'en',
      ),
    ).toBe('Activity room, 篮球场');
    expect(configValueWords(true, 'zh-CN')).toBe('是');
    expect(configValueWords(1500, 'en')).toBe('1,500');
    expect(configValueWords({ id: 'x' }, 'en')).toBe('');
  });

  it('fills each language, and leaves nothing of a placeholder behind', () => {
    expect(
      withConfigValues(
        {
          'zh-CN': '今天 {config.cutoffTime} 截止（{config.gone}）',
          en: 'Closes at {config.cutoffTime}',
        },
        { cutoffTime: '09:30' },
      ),
    ).toEqual({ 'zh-CN': '今天 9:30 截止（）', en: 'Closes at 9:30' });
  });

  it('the checker refuses a key config does not declare, in any notify list', () => {
    expect(found(canteen())).toEqual([]);
    const m = canteen();
    m.schedules.cutoffReminder.notify[0].body.en = 'Until {config.cutOff} tomorrow';
    m.actions.book.notify = [
      { to: { owner: true }, title: { 'zh-CN': '已预订（{config.nope}）', en: 'Booked' } },
    ];
    expect(found(m)).toEqual(
      expect.arrayContaining([
        ['/schedules/cutoffReminder/notify/0/body', 'notify.config'],
        ['/actions/book/notify/0/title', 'notify.config'],
      ]),
    );
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateManifest } from '../validate';
import { dayWords, guardRule, pauseEnds, withUntil, type GuardDef } from './guard';

const rule = { atLeast: 3, withinDays: 30, pauseDays: 14 };
const days = (...d: string[]) => d.map((day) => ({ day }));

describe('a pause after repeated records', () => {
  it('the third within 30 days pauses for 14 days from its day', () => {
    expect(pauseEnds(days('2026-11-10', '2026-11-20'), rule)).toBeUndefined();
    expect(pauseEnds(days('2026-11-10', '2026-11-20', '2026-11-30'), rule)).toBe('2026-12-14');
  });

  it('the window slides: a record 30 days before the last does not count', () => {
    // 31 Oct is 30 days before 30 Nov: outside "30 days" (30 Nov and the 29 days before).
    expect(pauseEnds(days('2026-10-31', '2026-11-20', '2026-11-30'), rule)).toBeUndefined();
    expect(pauseEnds(days('2026-11-01', '2026-11-20', '2026-11-30'), rule)).toBe('2026-12-14');
  });

  it('the latest pause wins; order of arrival does not matter', () => {
    expect(pauseEnds(days('2026-11-30', '2026-11-01', '2026-11-02', '2026-11-03'), rule)).toBe(
      '2026-12-14',
    );
  });

  it('0 or an unset setting switches it off', () => {
    const def = {
      atLeast: { bind: 'config.limit' },
      withinDays: 30,
      pauseDays: 14,
    } as unknown as GuardDef;
    expect(guardRule(def, () => 0)).toBeUndefined();
    expect(guardRule(def, () => undefined)).toBeUndefined();
    expect(guardRule(def, () => 2)).toEqual({ atLeast: 2, withinDays: 30, pauseDays: 14 });
  });

  it('names the day in words in both languages', () => {
    expect(dayWords('2026-12-14', 'zh-CN')).toBe('12月14日');
    expect(dayWords('2026-12-14', 'en')).toBe('14 Dec');
    expect(
      withUntil({ 'zh-CN': '暂停至 {until}', en: 'paused until {until}' }, '2026-12-14'),
    ).toEqual({ 'zh-CN': '暂停至 12月14日', en: 'paused until 14 Dec' });
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- broken fixtures deliberately leave the type
type Loose = any;
const spaces = (): Loose =>
  JSON.parse(
    readFileSync(
      new URL('../../../../../plugins/shared-spaces/plugin.json', import.meta.url),
      'utf8',
    ),
  );
const guardIssues = (m: unknown) =>
  [...validateManifest(m).errors, ...validateManifest(m).warnings]
    .filter((i) => i.pointer.includes('/guard'))
    .map((i) => `${i.pointer} ${i.code}`);

describe('the checker on guard', () => {
  it('accepts std.shared-spaces', () => {
    expect(validateManifest(spaces()).errors).toEqual([]);
    expect(guardIssues(spaces())).toEqual([]);
  });

  it('names each part that does not fit', () => {
    const m = spaces();
    const g = m.actions.book.guard;
    g.date = 'start'; // text, not a day
    g.atLeast = { bind: 'config.title' }; // not a number
    g.withinDays = 0;
    g.where = { field: 'nowhere', op: 'eq', value: 1 };
    g.lift = { roles: ['plugin:nobody'] };
    expect(guardIssues(m).sort()).toEqual([
      '/actions/book/guard/atLeast/bind guard.number',
      '/actions/book/guard/date guard.date',
      '/actions/book/guard/lift/roles/0 roles.unknown',
      '/actions/book/guard/where/field ref.field',
      '/actions/book/guard/withinDays guard.number',
    ]);
  });

  it('needs manifest version 2', () => {
    const m = spaces();
    m.manifestVersion = 1;
    expect(validateManifest(m).errors.map((i) => i.pointer)).toContain('/actions/book/guard');
  });
});

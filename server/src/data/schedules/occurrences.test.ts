import { describe, expect, it } from 'vitest';
import { atOccurrences, fieldRange, fireTime, timeOfDay } from './occurrences';

const SH = 'Asia/Shanghai';

describe('at-schedule occurrences in the community zone', () => {
  it('23:30 and 00:30 Beijing time fall on their own local days', () => {
    const from = new Date('2026-03-10T00:00:00Z');
    const to = new Date('2026-03-11T00:00:00Z');
    expect(atOccurrences({ time: '23:30' }, '23:30', from, to, SH)).toEqual([
      { key: '2026-03-10', at: new Date('2026-03-10T15:30:00Z') },
    ]);
    expect(atOccurrences({ time: '00:30' }, '00:30', from, to, SH)).toEqual([
      { key: '2026-03-11', at: new Date('2026-03-10T16:30:00Z') },
    ]);
  });

  it('keeps week days and a day of the month (the 31st on the last day of shorter months)', () => {
    const from = new Date('2026-02-01T00:00:00Z');
    const to = new Date('2026-03-02T00:00:00Z');
    const mondays = atOccurrences({ time: '10:00', days: ['mon'] }, '10:00', from, to, SH);
    expect(mondays.map((o) => o.key)).toEqual([
      '2026-02-02',
      '2026-02-09',
      '2026-02-16',
      '2026-02-23',
    ]);
    const monthEnd = atOccurrences({ time: '10:00', dayOfMonth: 31 }, '10:00', from, to, SH);
    expect(monthEnd.map((o) => o.key)).toEqual(['2026-02-28']);
  });

  it('reads a bound time from the configuration and ignores a malformed one', () => {
    expect(timeOfDay({ bind: 'config.check.time' }, { check: { time: '09:15' } })).toBe('09:15');
    expect(timeOfDay({ bind: 'config.checkTime' }, { checkTime: '9:15' })).toBeNull();
    expect(timeOfDay(undefined, {})).toBe('00:00');
  });
});

describe('after-schedule moments', () => {
  it('one day before the booking date at 18:00, local', () => {
    const after = { field: 'date', offset: '-P1D', time: '18:00' };
    expect(fireTime(after, '18:00', '2026-03-12', SH)).toEqual(new Date('2026-03-11T10:00:00Z'));
    const r = fieldRange(
      after,
      new Date('2026-03-11T09:00:00Z'),
      new Date('2026-03-11T11:00:00Z'),
      SH,
      true,
    );
    expect('2026-03-12' >= r.gte && '2026-03-12' <= r.lte).toBe(true);
  });

  it('two hours after creation', () => {
    const after = { field: 'createdAt', offset: 'PT2H' };
    expect(fireTime(after, '00:00', '2026-03-11T01:00:00.000Z', SH)).toEqual(
      new Date('2026-03-11T03:00:00Z'),
    );
    expect(fireTime(after, '00:00', 'yesterday', SH)).toBeNull();
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateManifest } from '../validate';
import type { Deadline } from '../types';
import { timeVars } from '../../time/relative';
import {
  cutOffAt,
  isOffered,
  weekdayName,
  type OfferedDef,
  type ScheduleOfferedDef,
} from './offered';

const ZONE = 'Asia/Shanghai';

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

const menu: OfferedDef = {
  bind: 'config.menu',
  match: { day: { field: 'date', as: 'weekday' }, slot: 'slot' },
};
const config = {
  menu: [
    { day: 'sat', slot: 'lunch', dishes: ['米饭'], price: 15 },
    { day: 'mon', slot: 'dinner', dishes: ['粥'], price: 10 },
  ],
  cutoffTime: '09:30',
};

describe('offered: a day and slot the catalogue lists', () => {
  it('matches an entry by the date’s day of the week and the slot', () => {
    expect(weekdayName('2026-12-05')).toBe('sat');
    expect(weekdayName('2026-11-30')).toBe('mon');
    expect(weekdayName('2026-12-06')).toBe('sun');
    expect(weekdayName('nope')).toBeUndefined();
    expect(isOffered(menu, { date: '2026-12-05', slot: 'lunch' }, config)).toBe(true);
    expect(isOffered(menu, { date: '2026-12-05', slot: 'dinner' }, config)).toBe(false);
    expect(isOffered(menu, { date: '2026-12-07', slot: 'dinner' }, config)).toBe(true);
    // Nothing to compare, or no catalogue: not on offer.
    expect(isOffered(menu, { slot: 'lunch' }, config)).toBe(false);
    expect(isOffered(menu, { date: '2026-12-05', slot: 'lunch' }, {})).toBe(false);
  });

  it('a cut-off is the date (+ days) at the literal, configured or record’s own time, local', () => {
    const deadline: Deadline = { date: 'date', time: { bind: 'config.cutoffTime' } };
    expect(cutOffAt(deadline, { date: '2026-12-01' }, config, 'Asia/Shanghai')).toEqual(
      new Date('2026-12-01T01:30:00Z'),
    );
    expect(
      cutOffAt(
        { date: 'date', time: '18:00', offsetDays: -1 },
        { date: '2026-12-01' },
        {},
        'Asia/Shanghai',
      ),
    ).toEqual(new Date('2026-11-30T10:00:00Z'));
    const own: Deadline = { date: 'date', time: { bind: 'item.startTime' } };
    expect(cutOffAt(own, { date: '2026-12-01', startTime: '14:00' }, {}, 'Asia/Shanghai')).toEqual(
      new Date('2026-12-01T06:00:00Z'),
    );
    // An unconfigured time limits nothing.
    expect(cutOffAt(deadline, { date: '2026-12-01' }, {}, 'Asia/Shanghai')).toBeUndefined();
  });

  it('the canteen’s menu rule passes the checks; broken ones are told where', () => {
    expect(found(canteen())).toEqual([]);
    const noKey = canteen();
    noKey.actions.book.offered.match.weekday = 'slot';
    expect(found(noKey)).toContainEqual(['/actions/book/offered/match/weekday', 'create.offered']);
    const notDate = canteen();
    notDate.actions.book.offered.match.day = { field: 'slot', as: 'weekday' };
    expect(found(notDate)).toContainEqual([
      '/actions/book/offered/match/day/field',
      'create.offered',
    ]);
    const noField = canteen();
    noField.actions.book.offered.match.slot = 'meal';
    expect(found(noField)).toContainEqual(['/actions/book/offered/match/slot', 'ref.field']);
    const notList = canteen();
    notList.actions.book.offered.bind = 'config.canteenName';
    expect(found(notList)).toContainEqual(['/actions/book/offered/bind', 'create.offered']);
    const v1 = canteen();
    v1.manifestVersion = 1;
    delete v1.schedules;
    expect(found(v1)).toContainEqual(['/actions/book/offered', 'version.part']);
  });

  it('a schedule’s onePer names a field of its collection', () => {
    const m = canteen();
    m.schedules.cutoffReminder.onePer = 'nobody';
    expect(found(m)).toContainEqual(['/schedules/cutoffReminder/onePer', 'ref.field']);
  });

  it('a schedule’s offered may read a day relative to its occurrence, a create action’s may not', () => {
    const tomorrow: ScheduleOfferedDef = {
      bind: 'config.menu',
      match: { day: { var: 'today', offset: 'P1D', as: 'weekday' } },
    };
    // Vars read at Friday 4 December 2026, 18:00 in Shanghai: tomorrow is Saturday (lunch on
    // the menu); on Saturday evening, tomorrow is Sunday (nothing).
    const friday = timeVars(new Date('2026-12-04T10:00:00Z'), ZONE);
    const saturday = timeVars(new Date('2026-12-05T10:00:00Z'), ZONE);
    expect(isOffered(tomorrow, {}, config, friday)).toBe(true);
    expect(isOffered(tomorrow, {}, config, saturday)).toBe(false);
    // Without vars there is no occurrence to read: not on offer.
    expect(isOffered(tomorrow, {}, config)).toBe(false);

    expect(found(canteen())).toEqual([]);
    const noKey = canteen();
    noKey.schedules.cutoffReminder.offered.match = { weekday: { var: 'today', as: 'weekday' } };
    expect(found(noKey)).toContainEqual([
      '/schedules/cutoffReminder/offered/match/weekday',
      'schedule.offered',
    ]);
    const notList = canteen();
    notList.schedules.cutoffReminder.offered.bind = 'config.cutoffTime';
    expect(found(notList)).toContainEqual([
      '/schedules/cutoffReminder/offered/bind',
      'schedule.offered',
    ]);
    const noField = canteen();
    noField.schedules.cutoffReminder.offered.match = { slot: 'meal' };
    expect(found(noField)).toContainEqual([
      '/schedules/cutoffReminder/offered/match/slot',
      'ref.field',
    ]);
    const onAction = canteen();
    onAction.actions.book.offered.match.day = { var: 'today', as: 'weekday' };
    expect(validateManifest(onAction).errors.length).toBeGreaterThan(0);
  });
});

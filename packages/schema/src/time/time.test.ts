import { describe, expect, it } from 'vitest';
import {
  addDuration,
  atLocal,
  formatDateTime,
  fromLocal,
  isTimeZone,
  localDate,
  parseDuration,
  relativeValue,
  resolveRelative,
  timeVars,
} from './index';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';

describe('local dates in a zone', () => {
  it('23:30 and 00:30 Beijing time fall on their own local days, not the UTC ones', () => {
    // 2026-03-10 23:30 in Shanghai is 15:30 UTC the same day; 00:30 on the 11th is 16:30 UTC on the 10th.
    expect(localDate(new Date('2026-03-10T15:30:00Z'), SH)).toBe('2026-03-10');
    expect(localDate(new Date('2026-03-10T16:30:00Z'), SH)).toBe('2026-03-11');
    // 07:59 local is still the 11th locally while UTC says the 10th.
    expect(localDate(new Date('2026-03-10T23:59:00Z'), SH)).toBe('2026-03-11');
  });

  it('turns a local wall time into the instant, also across daylight saving', () => {
    expect(atLocal('2026-03-10', '10:00', SH)!.toISOString()).toBe('2026-03-10T02:00:00.000Z');
    expect(atLocal('2026-07-01', '09:00', NY)!.toISOString()).toBe('2026-07-01T13:00:00.000Z');
    expect(atLocal('2026-01-01', '09:00', NY)!.toISOString()).toBe('2026-01-01T14:00:00.000Z');
    // 02:30 does not exist on 2026-03-08 in New York: moved forward by the gap.
    expect(fromLocal({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, NY).toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    expect(atLocal('2026-02-30', '10:00', SH)).toBeNull();
    expect(atLocal('2026-03-10', '24:00', SH)).toBeNull();
  });

  it('knows IANA zones and refuses the rest', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});

describe('durations', () => {
  it('parses signed ISO-8601 durations and refuses the rest', () => {
    expect(parseDuration('-P30D')).toMatchObject({ sign: -1, days: 30 });
    expect(parseDuration('P1DT12H')).toMatchObject({ sign: 1, days: 1, hours: 12 });
    expect(parseDuration('PT2H')).toMatchObject({ hours: 2 });
    for (const bad of ['P', 'PT', '30D', 'P1.5D', 'P99999D', '', 7])
      expect(parseDuration(bad)).toBeNull();
  });

  it('counts days and months on the local calendar, hours as elapsed time', () => {
    const jan31 = atLocal('2026-01-31', '10:00', SH)!;
    expect(localDate(addDuration(jan31, parseDuration('P1M')!, SH), SH)).toBe('2026-02-28');
    // A day across New York's spring-forward keeps the wall time (23 elapsed hours).
    const before = atLocal('2026-03-07', '12:00', NY)!;
    const after = addDuration(before, parseDuration('P1D')!, NY);
    expect(after.toISOString()).toBe(atLocal('2026-03-08', '12:00', NY)!.toISOString());
    expect(after.getTime() - before.getTime()).toBe(23 * 3600_000);
    expect(addDuration(before, parseDuration('PT24H')!, NY).getTime() - before.getTime()).toBe(
      24 * 3600_000,
    );
  });
});

describe('relative date values', () => {
  // Wednesday 2026-03-11 00:30 in Shanghai (still Tuesday in UTC).
  const now = new Date('2026-03-10T16:30:00Z');

  it('resolves each anchor in the zone', () => {
    expect(relativeValue('today', now, SH)).toBe('2026-03-11');
    expect(relativeValue('startOfDay', now, SH)).toBe('2026-03-10T16:00:00.000Z');
    expect(relativeValue('startOfWeek', now, SH)).toBe('2026-03-08T16:00:00.000Z'); // Monday the 9th
    expect(relativeValue('startOfMonth', now, SH)).toBe('2026-02-28T16:00:00.000Z');
    expect(relativeValue('startOfYear', now, SH)).toBe('2025-12-31T16:00:00.000Z');
    expect(relativeValue('now', now, SH)).toBe(now.toISOString());
  });

  it('applies offsets and conversions as the design examples say', () => {
    expect(relativeValue('now', now, SH, '-P30D')).toBe('2026-02-08T16:30:00.000Z');
    expect(relativeValue('today', now, SH, 'P1D')).toBe('2026-03-12');
    expect(relativeValue('startOfMonth', now, SH, '-P1M')).toBe('2026-01-31T16:00:00.000Z');
    expect(relativeValue('startOfMonth', now, SH, '-P1M', 'date')).toBe('2026-02-01');
    expect(relativeValue('today', now, SH, undefined, 'timestamp')).toBe(
      '2026-03-10T16:00:00.000Z',
    );
    expect(relativeValue('now', now, SH, 'P1X')).toBeNull();
  });

  it('resolves from vars exactly as from (now, zone)', () => {
    const vars = timeVars(now, SH);
    expect(vars.today).toBe('2026-03-11');
    expect(resolveRelative(vars, 'startOfWeek', 'P7D')).toBe(
      relativeValue('startOfWeek', now, SH, 'P7D'),
    );
    expect(resolveRelative({ now: vars.now }, 'today')).toBeNull();
  });
});

describe('formatting for people', () => {
  it('shows a timestamp in the zone and the reader language, a date as a date', () => {
    const at = '2026-03-10T16:30:00.000Z';
    expect(formatDateTime(at, SH, 'zh-CN')).toBe('2026年3月11日 00:30');
    expect(formatDateTime(at, SH, 'en')).toBe('11 Mar 2026, 00:30');
    expect(formatDateTime('2026-03-11', NY, 'en')).toBe('11 Mar 2026');
    expect(formatDateTime('not a date', SH, 'en')).toBe('not a date');
  });
});

import { describe, expect, it } from 'vitest';
import { dashboardPeriod } from './period';

const Z = 'Asia/Shanghai';

describe('dashboard periods', () => {
  it('counts days up to today in the community’s zone', () => {
    // 20:00 UTC on the 30th is already 1 December in Beijing.
    const p = dashboardPeriod('7d', undefined, new Date('2026-11-30T20:00:00Z'), Z);
    expect(p).toMatchObject({ today: '2026-12-01', from: '2026-11-25', to: '2026-12-02', days: 7 });
    expect(p.previous).toEqual({ from: '2026-11-18', to: '2026-11-25' });
  });

  it('reads a past month whole, this month up to today, and refuses a month ahead', () => {
    const now = new Date('2026-11-30T04:00:00Z');
    expect(dashboardPeriod('month', '2026-02', now, Z)).toMatchObject({
      from: '2026-02-01',
      to: '2026-03-01',
      days: 28,
      previous: { from: '2026-01-04', to: '2026-02-01' },
    });
    expect(dashboardPeriod('month', '2025-12', now, Z)).toMatchObject({ to: '2026-01-01' });
    expect(dashboardPeriod('month', undefined, now, Z)).toMatchObject({
      from: '2026-11-01',
      to: '2026-12-01',
    });
    expect(() => dashboardPeriod('month', '2026-12', now, Z)).toThrow(/not begun/);
    // The default month is the community's: 17:00 UTC on 30 November is December in Beijing,
    // still November in New York.
    const late = new Date('2026-11-30T17:00:00Z');
    expect(dashboardPeriod('month', undefined, late, Z)).toMatchObject({ from: '2026-12-01' });
    expect(dashboardPeriod('month', undefined, late, 'America/New_York')).toMatchObject({
      from: '2026-11-01',
      timeZone: 'America/New_York',
    });
    expect(() => dashboardPeriod('year', undefined, now, Z)).toThrow(/7d, 30d/);
  });
});

import { describe, expect, it } from 'vitest';
import { changePct, dayText, lastDay, momentText, monthText, numberText } from './format';

describe('dashboard words', () => {
  it('reads a local day in both languages without moving it across zones', () => {
    expect(dayText('2026-11-30', 'zh-CN')).toBe('2026年11月30日');
    expect(dayText('2026-11-30', 'en')).toBe('30 Nov 2026');
    expect(dayText('2026-03-01', 'zh-CN', false)).toBe('3月1日');
    expect(lastDay('2026-12-01')).toBe('2026-11-30');
    expect(numberText(1234.5, 'en')).toBe('1,234.5');
  });

  it('compares with the previous period only when there is one', () => {
    expect(changePct(12, 10)).toBe(20);
    expect(changePct(5, 10)).toBe(-50);
    expect(changePct(5, 0)).toBeNull();
    expect(changePct(null, 10)).toBeNull();
  });

  it('words a report’s month and the moment it was frozen in the report’s zone', () => {
    expect(monthText('2026-10', 'zh-CN')).toBe('2026年10月');
    expect(monthText('2026-10', 'en')).toBe('October 2026');
    // 02:00 UTC is 10:00 in Shanghai, on the 1st.
    expect(momentText('2026-11-01T02:00:00.000Z', 'Asia/Shanghai', 'zh-CN')).toBe(
      '2026年11月1日 10:00',
    );
    expect(momentText('2026-11-01T02:00:00.000Z', 'Asia/Shanghai', 'en')).toBe(
      '1 November 2026 at 10:00',
    );
  });
});

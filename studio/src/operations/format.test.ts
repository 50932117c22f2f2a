import { describe, expect, it } from 'vitest';
import { changePct, dayText, lastDay, numberText } from './format';

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
});

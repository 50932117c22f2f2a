import { describe, expect, it } from 'vitest';
import { failureText, isRefusal } from './failure';

describe('a rule refusing in words', () => {
  const refusal = {
    status: 409,
    details: {
      code: 'capacity_full',
      message: { 'zh-CN': '本周您家已预约 3 小时', en: 'Your household has booked 3 hours' },
    },
  };

  it('is a refusal, read in the reader’s language', () => {
    expect(isRefusal(refusal)).toBe(true);
    expect(failureText(refusal, 'zh-CN')).toBe('本周您家已预约 3 小时');
    expect(failureText(refusal, 'en')).toBe('Your household has booked 3 hours');
  });

  it('a conflict without words, a server fault or the network is a failure, not a refusal', () => {
    expect(isRefusal({ status: 409, details: { code: 'conflict' } })).toBe(false);
    expect(isRefusal({ status: 500, details: refusal.details })).toBe(false);
    expect(isRefusal({ status: 0 })).toBe(false);
    expect(isRefusal(undefined)).toBe(false);
  });
});

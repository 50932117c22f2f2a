import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { codeOf, numberOfCode } from './numbering';

describe('codes from numbers (a keyed permutation of the six-digit codes)', () => {
  const key = randomBytes(16);

  it('gives distinct numbers distinct six-digit codes and leads each code back to its number', () => {
    const codes = Array.from({ length: 5_000 }, (_, i) => codeOf(key, i + 1));
    expect(codes.filter((c) => !/^\d{6}$/.test(c))).toEqual([]);
    expect(codes.filter((c, i) => numberOfCode(key, c) !== i + 1)).toEqual([]);
    expect(new Set(codes).size).toBe(codes.length);
    expect(numberOfCode(key, codeOf(key, 1_000_000))).toBe(1_000_000);
  });

  it('does not count up: neighbouring numbers have unrelated codes, and another key others', () => {
    const codes = [1, 2, 3, 4, 5].map((n) => Number(codeOf(key, n)));
    const steps = codes.slice(1).map((c, i) => c - codes[i]!);
    expect(new Set(steps).size).toBeGreaterThan(1);
    const other = randomBytes(16);
    expect([1, 2, 3].map((n) => codeOf(other, n))).not.toEqual(
      [1, 2, 3].map((n) => codeOf(key, n)),
    );
  });

  it('reads nothing but six digits as a code', () => {
    for (const bad of ['', '12345', '1234567', '12a456', ' 123456'])
      expect(numberOfCode(key, bad)).toBeUndefined();
  });
});

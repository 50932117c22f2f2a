import { describe, expect, it } from 'vitest';
import { firstInOrder } from './first-in-order';

describe('firstInOrder', () => {
  it('gives what a stable sort and a slice give, ties and all', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 300; round++) {
      const n = Math.floor(rand() * 60);
      // Few distinct keys, so ties are common; `i` tells equal keys apart in the answer.
      const items = Array.from({ length: n }, (_, i) => ({ key: Math.floor(rand() * 8), i }));
      const k = Math.floor(rand() * 25);
      const dir = rand() < 0.5 ? 1 : -1;
      const cmp = (a: { key: number }, b: { key: number }) => (a.key - b.key) * dir;
      expect(firstInOrder(items, k, cmp)).toEqual([...items].sort(cmp).slice(0, k));
    }
  });

  it('keeps nothing for k of 0 and everything when k is larger', () => {
    expect(firstInOrder([3, 1, 2], 0, (a, b) => a - b)).toEqual([]);
    expect(firstInOrder([3, 1, 2], 10, (a, b) => a - b)).toEqual([1, 2, 3]);
  });
});

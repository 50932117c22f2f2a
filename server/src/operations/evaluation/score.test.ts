import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS, evaluate } from './score';

const heads = [
  { key: 'p/reported', combine: 'sum' as const, better: 'higher' as const },
  { key: 'p/rating', combine: 'mean' as const, better: 'higher' as const },
  { key: 'p/hours', combine: 'mean' as const, better: 'lower' as const },
];
const ranking: {
  id: string;
  name: string;
  score: number;
  figures: Record<string, number | null>;
}[] = [
  { id: 'a', name: 'A', score: 90, figures: { 'p/reported': 10, 'p/rating': 4, 'p/hours': 8 } },
  { id: 'b', name: 'B', score: 50, figures: { 'p/reported': 40, 'p/rating': 5, 'p/hours': 2 } },
  // Hidden figures (too few records) count as none.
  { id: 'c', name: 'C', score: 70, figures: { 'p/reported': null, 'p/rating': null } },
];

describe('the evaluation', () => {
  it('scores each indicator against the node’s best and weighs the composite', () => {
    const e = evaluate(ranking, heads, DEFAULT_WEIGHTS, 0);
    const b = e.scores.find((s) => s.id === 'b')!;
    const a = e.scores.find((s) => s.id === 'a')!;
    expect(b.parts).toEqual({ satisfaction: 100, activity: 100, response: 100, coverage: 50 });
    expect(a.parts).toEqual({ satisfaction: 80, activity: 25, response: 25, coverage: 90 });
    // 30 % satisfaction, 20 % activity, 20 % response, 30 % coverage.
    expect(b.composite).toBe(85);
    expect(a.composite).toBe(61);
    expect(e.scores.map((s) => s.id)).toEqual(['b', 'a', 'c']);
    expect(e.allRounder).toEqual({ id: 'b', name: 'B', composite: 85 });
    expect(e.champions).toEqual([
      { indicator: 'satisfaction', id: 'b', name: 'B', value: 100 },
      { indicator: 'activity', id: 'b', name: 'B', value: 100 },
      { indicator: 'response', id: 'b', name: 'B', value: 100 },
      { indicator: 'coverage', id: 'a', name: 'A', value: 90 },
    ]);
  });

  it('follows the weights: all on coverage makes the best-covered community the all-rounder', () => {
    const e = evaluate(
      ranking,
      heads,
      { satisfaction: 0, activity: 0, response: 0, coverage: 100 },
      3,
    );
    expect(e.version).toBe(3);
    expect(e.allRounder?.id).toBe('a');
    expect(e.scores.map((s) => s.composite)).toEqual([90, 70, 50]);
  });

  it('scores nobody on a lower-is-better figure for a community nobody used', () => {
    const alerts = [
      { key: 'p/opened', combine: 'sum' as const, better: null },
      { key: 'p/alerts', combine: 'sum' as const, better: 'lower' as const },
    ];
    const e = evaluate(
      [
        { id: 'live', name: 'L', score: 60, figures: { 'p/opened': 30, 'p/alerts': 3 } },
        // Installed, no portal, no residents: zero alerts because nothing happened at all.
        { id: 'idle', name: 'I', score: 0, figures: { 'p/opened': 0, 'p/alerts': 0 } },
      ],
      alerts,
      DEFAULT_WEIGHTS,
      0,
    );
    expect(e.scores.find((s) => s.id === 'idle')!.parts.response).toBe(0);
    expect(e.scores.find((s) => s.id === 'live')!.parts.response).toBe(100);
    expect(e.champions.find((c) => c.indicator === 'response')?.id).toBe('live');
  });

  it('names nobody while nobody scores', () => {
    const e = evaluate([], heads, DEFAULT_WEIGHTS, 0);
    expect(e.allRounder).toBeNull();
    expect(e.champions).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { PluginContext } from '../records/context';
import { resolveAmount } from './service';

// Only the installation's config is read: a fake context is enough for this pure arithmetic.
const ctx = {
  plugin: { config: { perHour: 10, perStar: 2.5, label: 'x' } },
} as unknown as PluginContext;

describe('points: amount × rate, in whole points', () => {
  it.each<[string, Parameters<typeof resolveAmount>[1], Record<string, unknown>, number]>([
    ['a number', { amount: 5 }, {}, 5],
    ['a config number', { amount: { bind: 'config.perHour' } }, {}, 10],
    [
      'hours × points per hour',
      { amount: { bind: 'item.hours' }, rate: { bind: 'config.perHour' } },
      { hours: 2.5 },
      25,
    ],
    [
      'rounded to whole points',
      { amount: { bind: 'item.hours' }, rate: { bind: 'config.perStar' } },
      { hours: 1.5 },
      4,
    ],
    ['a literal rate', { amount: { bind: 'item.hours' }, rate: 3 }, { hours: 2 }, 6],
    ['nothing for a missing value', { amount: { bind: 'item.hours' }, rate: 3 }, {}, 0],
    [
      'nothing for a rate that is not a number',
      { amount: 4, rate: { bind: 'config.label' } },
      {},
      0,
    ],
  ])('%s', (_what, award, item, expected) => {
    expect(resolveAmount(ctx, award, item)).toBe(expected);
  });
});

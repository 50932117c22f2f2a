import { describe, expect, it } from 'vitest';
import { regionFromRollups, type RolledCommunity } from './region';
import { dashboardPeriod } from './period';
import type { MetricHeadDoc } from './rollups/store';

// Leaders (单项冠军) from communities' roll-ups: pure, so no database here.
const NOW = new Date('2026-11-30T04:00:00Z');
const period = dashboardPeriod('7d', undefined, NOW, 'Asia/Shanghai', true);
const head = (metricId: string, better: 'higher' | 'lower', op: MetricHeadDoc['op']) =>
  ({
    key: `vendor.x/${metricId}`,
    pluginId: 'vendor.x',
    pluginName: { 'zh-CN': '示例', en: 'Example' },
    metricId,
    scene: 'service',
    label: { 'zh-CN': metricId, en: metricId },
    unit: null,
    chart: 'line',
    better,
    op,
    minGroupSize: 1,
  }) satisfies MetricHeadDoc;
const HEADS = [head('visits', 'higher', 'count'), head('absences', 'lower', 'count')];

/** A community with the given counts on the period's last day. */
function community(id: string, visits: number, absences: number): RolledCommunity {
  const day = '2026-11-29';
  return {
    id,
    state: {
      _id: id,
      through: day,
      timeZone: 'Asia/Shanghai',
      heads: HEADS,
      score: 50,
      rolledAt: NOW,
    },
    days: new Map([
      [
        day,
        [
          { k: 'vendor.x/visits', c: visits, s: 0, n: 0, lo: null, hi: null },
          { k: 'vendor.x/absences', c: absences, s: 0, n: 0, lo: null, hi: null },
        ],
      ],
    ]),
  };
}
const leaders = (...cs: RolledCommunity[]) =>
  Object.fromEntries(regionFromRollups(period, cs).leaders.map((l) => [l.key, l.communityId]));

describe('region leaders', () => {
  it('name the one community with the best figure, in the direction that is better', () => {
    expect(leaders(community('a', 9, 3), community('b', 4, 1))).toEqual({
      'vendor.x/visits': 'a',
      'vendor.x/absences': 'b',
    });
  });

  it('name nobody when the best figure is shared (no absences anywhere is no one’s lead)', () => {
    expect(leaders(community('a', 9, 0), community('b', 4, 0), community('c', 9, 2))).toEqual({});
  });
});

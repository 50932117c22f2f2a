import { timeVars } from '@scene/schema';
import { describe, expect, it } from 'vitest';
import { filterVars } from './filter';

// filterVars keeps each zone's day anchors until the zone's next midnight: the answers must be
// timeVars' own at every instant, across midnights, month and year ends and DST changes.
describe('filter vars', () => {
  it('give the same time anchors as timeVars, instant after instant', () => {
    const caller = { accountId: 'a', communityId: 'c', roles: [], attributes: {} } as never;
    for (const zone of ['Asia/Shanghai', 'America/New_York', 'Europe/London']) {
      // 18 hours in steps of 7 min 13 s: over the spring and autumn DST changes and a year end,
      // and back in time once (October after December).
      const starts = [
        Date.UTC(2026, 2, 7, 20),
        Date.UTC(2026, 11, 31, 10),
        Date.UTC(2026, 9, 24, 12),
      ];
      for (const start of starts)
        for (let i = 0; i < 150; i++) {
          const now = new Date(start + i * 433_000);
          const vars = filterVars(caller, new Set(), {}, now, zone);
          expect(
            Object.fromEntries(Object.entries(vars).filter(([k]) => !k.startsWith('user.'))),
          ).toEqual(timeVars(now, zone));
        }
    }
  });
});

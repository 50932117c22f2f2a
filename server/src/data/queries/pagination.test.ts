import { beforeAll, describe, expect, it } from 'vitest';
import type { PluginManifest } from '@scene/schema';
import { useTestDatabase } from '../../testing/database';
import { loadStandardPlugin, member, testDataPlane, type TestDataPlane } from '../records/test-kit';
import { recordCollectionName } from '../records/names';
import { runAction } from '../actions/service';
import { runRetention } from '../jobs/retention-job';
import { communityMetrics } from '../metrics/service';
import { runQuery } from './service';

const db = useTestDatabase('pagination');
const C = 'c-pages';
const repair = loadStandardPlugin('property-repair');
const canteen = structuredClone(loadStandardPlugin('elderly-canteen')) as PluginManifest;
canteen.queries.lunchLeft = {
  collection: 'bookings',
  kind: 'capacity',
  capacity: 'meals',
  roles: ['resident'],
  filterable: { date: ['eq', 'gte'] },
};
let dp: TestDataPlane;
const resident = member(C, ['resident'], 'r');
const staff = member(C, ['staff'], 's');
const operator = member(C, ['operator'], 'o');

beforeAll(async () => {
  dp = await testDataPlane(db.connection());
  dp.clock.now = new Date('2026-03-01T00:00:00Z');
  await dp.install(C, repair);
  await dp.install(C, canteen, {
    mealCapacity: { breakfast: 5, lunch: 5, dinner: 5 },
    deliveryCapacity: 5,
  });
  const input = {
    category: 'plumbing',
    locationType: 'public',
    title: '路灯坏了',
    contactPhone: '13800000000',
  };
  for (let i = 0; i < 25; i++) {
    dp.clock.now = new Date(Date.UTC(2026, 2, 1, 0, i % 5)); // equal createdAt values: ties broken by id
    await runAction(dp, {
      communityId: C,
      pluginId: repair.id,
      action: 'report',
      caller: resident,
      input,
    });
  }
});

describe('list pagination, capacity query, metrics, retention', () => {
  it('pages through every record exactly once, in order, under each declared sort', async () => {
    for (const sort of ['createdAt:asc', 'createdAt:desc']) {
      const seen: { id: string; createdAt: string }[] = [];
      let cursor: string | undefined;
      for (let guard = 0; guard < 20; guard++) {
        const r = await runQuery(dp, {
          communityId: C,
          pluginId: repair.id,
          query: 'queue',
          caller: staff,
          params: { sort, limit: '4', ...(cursor ? { cursor } : {}) },
        });
        if (r.kind !== 'list') throw new Error('list expected');
        seen.push(...(r.items as unknown as { id: string; createdAt: string }[]));
        if (!r.nextCursor) break;
        cursor = r.nextCursor;
      }
      expect(seen).toHaveLength(25);
      expect(new Set(seen.map((s) => s.id)).size).toBe(25);
      const times = seen.map((s) => s.createdAt);
      expect(times).toEqual(
        [...times].sort((a, b) => (sort.endsWith('asc') ? a.localeCompare(b) : b.localeCompare(a))),
      );
    }
    await expect(
      runQuery(dp, {
        communityId: C,
        pluginId: repair.id,
        query: 'queue',
        caller: staff,
        params: { sort: 'title:asc' },
      }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('reports places used and left per date without returning bookings', async () => {
    dp.clock.now = new Date('2026-03-01T00:00:00Z');
    for (const name of ['王阿姨', '李阿姨']) {
      await runAction(dp, {
        communityId: C,
        pluginId: canteen.id,
        action: 'book',
        caller: member(C, ['resident'], name),
        input: { date: '2026-03-05', slot: 'lunch', mode: 'dine_in' },
      });
    }
    const r = await runQuery(dp, {
      communityId: C,
      pluginId: canteen.id,
      query: 'lunchLeft',
      caller: resident,
      params: { 'f.date.eq': '2026-03-05' },
    });
    expect(r).toEqual({
      kind: 'capacity',
      slots: [
        { key: { date: '2026-03-05', slot: 'lunch' }, used: 2, limit: 5, left: 3 },
        // Then each meal's limit where nothing is booked yet (any date), from the config.
        { key: { slot: 'breakfast' }, used: 0, limit: 5, left: 5 },
        { key: { slot: 'lunch' }, used: 0, limit: 5, left: 5 },
        { key: { slot: 'dinner' }, used: 0, limit: 5, left: 5 },
      ],
    });
  });

  it('gives metrics per plugin and purges past retention, safely twice', async () => {
    const list = await runQuery(dp, {
      communityId: C,
      pluginId: repair.id,
      query: 'queue',
      caller: staff,
      params: { limit: '2' },
    });
    const ids = list.kind === 'list' ? list.items.map((i) => i.id) : [];
    dp.clock.now = new Date('2026-03-01T02:00:00Z');
    for (const action of ['accept', 'start'])
      await runAction(dp, {
        communityId: C,
        pluginId: repair.id,
        action,
        caller: staff,
        recordId: ids[0],
      });
    await runAction(dp, {
      communityId: C,
      pluginId: repair.id,
      action: 'reject',
      caller: staff,
      recordId: ids[1],
      input: { rejectReason: '不属于物业范围' },
    });
    const m = await communityMetrics(dp, C, operator);
    const tickets = m.find((p) => p.pluginId === repair.id)!.collections.tickets!;
    expect(tickets.byState).toMatchObject({ submitted: 23, in_progress: 1, rejected: 1 });
    expect(tickets.resolved).toBe(1);
    expect(tickets.avgResolveMs).toBeGreaterThan(0);
    await expect(communityMetrics(dp, C, resident)).rejects.toMatchObject({ status: 403 });

    const col = db.connection().db!.collection(recordCollectionName(repair.id, 'tickets'));
    expect(await runRetention(db.connection().db!, new Date('2027-01-01T00:00:00Z'))).toMatchObject(
      { records: { [col.collectionName]: 0 } },
    );
    const later = new Date('2028-03-02T00:00:00Z'); // 730 days after creation
    const r1 = await runRetention(db.connection().db!, later);
    expect(r1.records[col.collectionName]).toBe(25);
    const r2 = await runRetention(db.connection().db!, later);
    expect(r2.records[col.collectionName]).toBe(0);
    expect(await col.countDocuments({})).toBe(0);
  });
});

import type { mongo } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing/database';
import { claimPlace, claimPlaces, type PlaceSpec } from './claims';

const db = useTestDatabase('claims');

const spec = (group: string, limit: number, probe?: number): PlaceSpec => ({
  groupField: 'group',
  group,
  limit,
  idOf: (n) => `${group}#${n}`,
  fields: () => ({ at: new Date() }),
  pick: 'random',
  ...(probe === undefined ? {} : { probe }),
});

/** The real collection, counting the group reads (finds) claimPlace makes. */
function counted(name: string) {
  const collection = db.connection().db!.collection(name);
  const reads = { n: 0 };
  const proxy = new Proxy(collection, {
    get(target, key, receiver) {
      if (key === 'find') reads.n++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  }) as mongo.Collection<mongo.Document>;
  return { proxy, reads, collection };
}

describe('claimPlace', () => {
  it('claims blind while places are free and reads the group only when it is nearly full', async () => {
    const { proxy, reads, collection } = counted('claims_probe');
    expect(await claimPlace(proxy, spec('a', 200, 3))).toBeGreaterThan(0);
    expect(reads.n).toBe(0);

    for (let i = 0; i < 2; i++) expect(await claimPlace(proxy, spec('b', 2, 3))).toBeDefined();
    reads.n = 0;
    expect(await claimPlace(proxy, spec('b', 2, 3))).toBeUndefined();
    expect(reads.n).toBeGreaterThan(0);
    expect(await collection.countDocuments({ group: 'b' })).toBe(2);
  });

  it('holds the limit exactly when many claim at once, blind or not', async () => {
    const { proxy, collection } = counted('claims_race');
    for (const probe of [0, 3]) {
      const group = `race-${probe}`;
      const got = await Promise.all(
        Array.from({ length: 12 }, () => claimPlace(proxy, spec(group, 5, probe))),
      );
      const places = got.filter((n) => n !== undefined);
      expect(new Set(places).size).toBe(5);
      expect(places).toHaveLength(5);
      expect(await collection.countDocuments({ group })).toBe(5);
    }
  });
});

describe('claimPlaces (a record weighing several places of a sum)', () => {
  it('takes all or none, and twenty at once never hold more than the limit', async () => {
    const collection = db.connection().db!.collection('claims_weighted');
    expect(await claimPlaces(collection, spec('w', 4), 3)).toHaveLength(3);
    // One place left: a claim of two takes none, and gives back what it held.
    expect(await claimPlaces(collection, spec('w', 4), 2)).toBeUndefined();
    expect(await collection.countDocuments({ group: 'w' })).toBe(3);
    expect(await claimPlaces(collection, spec('w', 4), 0)).toEqual([]);

    const results = await Promise.all(
      Array.from({ length: 20 }, () => claimPlaces(collection, spec('race', 10), 3)),
    );
    const won = results.filter((r) => r !== undefined);
    expect(won.length).toBeGreaterThanOrEqual(1);
    expect(won.length).toBeLessThanOrEqual(3);
    for (const r of won) expect(r).toHaveLength(3);
    // Exactly the winners' places remain: the losers gave back every place they held.
    expect(await collection.countDocuments({ group: 'race' })).toBe(won.length * 3);
  });
});

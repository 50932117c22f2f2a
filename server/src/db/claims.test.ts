import type { mongo } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing/database';
import { claimPlace, type PlaceSpec } from './claims';

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

import { exampleManifest } from '@scene/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { setApi } from '../api';
import { fakeRegistry } from '../testing/fake-registry';
import { fixtureData, registryFixtures } from './fixtures';

const manifest = exampleManifest('acme.previewed');
const ticket = { _id: 't1', createdBy: 'u1', title: '楼道灯不亮', status: 'submitted' };

afterEach(() => setApi(null));

describe('preview fixtures from the registry', () => {
  it('reads a version’s example data once, and none for a version without', async () => {
    const fake = fakeRegistry({ approved: [manifest] });
    fake.fixtures.set('acme.previewed@1.0.0', {
      pluginId: manifest.id,
      version: '1.0.0',
      config: { title: '报修' },
      records: { tickets: [ticket] },
      checksum: 'c',
      publishedAt: '2025-01-01T00:00:00.000Z',
    });
    let asked = 0;
    const read = fake.api.registry.fixtures;
    fake.api.registry.fixtures = (id, v) => (asked++, read(id, v));
    setApi(fake.api);

    const got = await registryFixtures(manifest.id, '1.0.0');
    expect(got?.records.tickets).toEqual([ticket]);
    await registryFixtures(manifest.id, '1.0.0');
    expect(asked).toBe(1);
    expect(await registryFixtures(manifest.id, '0.9.0')).toBeUndefined();
  });

  it('serves each query the records of its collection, and empty lists without data', () => {
    const data = fixtureData([
      { manifest, fixtures: { config: {}, records: { tickets: [ticket] } } },
      { manifest: exampleManifest('acme.empty') },
    ]);
    const queries = Object.entries(manifest.queries ?? {}).filter(
      ([, q]) => q.collection === 'tickets',
    );
    expect(queries.length).toBeGreaterThan(0);
    for (const [name] of queries) {
      expect(data.lists?.[`acme.previewed/${name}`]).toEqual([ticket]);
      expect(data.counts?.[`acme.previewed/${name}`]).toBe(1);
      expect(data.lists?.[`acme.empty/${name}`]).toBeUndefined();
    }
  });
});

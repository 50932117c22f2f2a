// A plugin's declared indexes against the real database: "one per person" (a unique index over
// `createdBy` alone) has the same key as an index the platform makes on every collection, and
// must still end up unique — on a fresh install and on an upgrade from a version without it.
import type { PluginManifest } from '@scene/schema';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/database';
import { ensurePluginIndexes } from './indexes';
import { recordCollectionName } from './names';
import { loadStandardPlugin } from './test-kit';

const db = useTestDatabase('plugin-indexes');

function withOnePerPerson(base: PluginManifest, id: string, unique: boolean): PluginManifest {
  const copy = structuredClone(base) as PluginManifest;
  copy.id = id;
  const [name, def] = Object.entries(copy.collections)[0]!;
  def.indexes = unique ? [{ fields: { createdBy: 1 }, unique: true }] : [];
  copy.collections = { [name]: def };
  return copy;
}

async function insertTwice(manifest: PluginManifest): Promise<unknown> {
  const name = Object.keys(manifest.collections)[0]!;
  const col = db.connection().db!.collection(recordCollectionName(manifest.id, name));
  const doc = () => ({ communityId: 'c1', createdBy: 'acc1', createdAt: new Date() });
  await col.insertOne(doc());
  // Another community's record by the same person is not the same place.
  await col.insertOne({ ...doc(), communityId: 'c2' });
  return col.insertOne(doc()).then(
    () => 'inserted',
    (err: { code?: number }) => err.code,
  );
}

describe('declared indexes', () => {
  const base = loadStandardPlugin('notice-board');

  it('makes "one per person" unique on a fresh install', async () => {
    const manifest = withOnePerPerson(base, 'test.one-per-person', true);
    await ensurePluginIndexes(db.connection(), manifest);
    await ensurePluginIndexes(db.connection(), manifest); // again, as on a repeated install
    expect(await insertTwice(manifest)).toBe(11000);
  });

  it('makes it unique on an upgrade from a version that did not declare it', async () => {
    const before = withOnePerPerson(base, 'test.one-per-person-later', false);
    await ensurePluginIndexes(db.connection(), before);
    const after = withOnePerPerson(base, 'test.one-per-person-later', true);
    await ensurePluginIndexes(db.connection(), after);
    expect(await insertTwice(after)).toBe(11000);
  });
});

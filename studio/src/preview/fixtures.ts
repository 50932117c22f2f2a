import { ApiError, type PluginFixtures, type PluginFixturesInput } from '@scene/client';
import type { PluginManifest } from '@scene/schema';
import { fixtureDataFor, type FixtureData } from '@scene/renderer';
import { api } from '../api';

/** Example data as previews use it: a config and records per collection. */
export type PreviewFixtures = PluginFixturesInput;

// A version's example data never changes once published, so each is asked for once.
const cache = new Map<string, Promise<PluginFixtures | undefined>>();

/**
 * The example config and records published with a plugin version (the registry has them for
 * the standard plugins and for every vendor plugin published with a `fixtures/` folder);
 * undefined when the version has none, or is not visible to this account.
 */
export function registryFixtures(
  pluginId: string,
  version: string,
): Promise<PluginFixtures | undefined> {
  const key = `${pluginId}@${version}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = api()
      .registry.fixtures(pluginId, version)
      .catch((err: unknown) => {
        // A failed request may work later; a 404 (none published) is an answer.
        if (!(err instanceof ApiError && err.status === 404)) cache.delete(key);
        return undefined;
      });
    cache.set(key, hit);
  }
  return hit;
}

/**
 * Feeds plugins' example records to the renderer's fixture source: each query reads the
 * records of its collection (the fixture source keys lists by `<pluginId>/<query>`), with
 * counts, groups and figures computed from them. Plugins without example data show their
 * empty states, as in a new community.
 */
export function fixtureData(
  plugins: readonly { manifest: PluginManifest; fixtures?: PreviewFixtures | undefined }[],
): FixtureData {
  const out: Required<Pick<FixtureData, 'lists' | 'counts' | 'groups' | 'aggregates' | 'results'>> =
    { lists: {}, counts: {}, groups: {}, aggregates: {}, results: {} };
  for (const { manifest, fixtures } of plugins) {
    if (!fixtures) continue;
    const data = fixtureDataFor(manifest, fixtures.records, fixtures.config);
    for (const key of ['lists', 'counts', 'groups', 'aggregates', 'results'] as const)
      Object.assign(out[key], data[key]);
  }
  return { ...out, points: 120 };
}

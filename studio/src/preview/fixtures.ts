import { fixtureDataFor, type FixtureData } from '@scene/runtime';
import { standardPluginEntries } from '@scene/plugins';

/**
 * Example data for the phone preview: the standard plugins' fixture records, served to each
 * of their queries (the renderer asks by `<pluginId>/<query>`): lists, counts, groups and
 * figures. Plugins without fixtures show their empty states, as a new community would.
 */
export function previewFixtures(): FixtureData {
  const out: Required<Pick<FixtureData, 'lists' | 'counts' | 'groups' | 'aggregates'>> = {
    lists: {},
    counts: {},
    groups: {},
    aggregates: {},
  };
  for (const { manifest, fixtures } of standardPluginEntries) {
    const data = fixtureDataFor(manifest, fixtures.records);
    for (const key of ['lists', 'counts', 'groups', 'aggregates'] as const)
      Object.assign(out[key], data[key]);
  }
  return { ...out, points: 120 };
}

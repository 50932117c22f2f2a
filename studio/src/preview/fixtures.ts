import type { FixtureData, RecordDoc } from '@scene/renderer';
import { standardPluginEntries } from '@scene/plugins';

/**
 * Example data for the phone preview: the standard plugins' fixture records, served to each
 * of their queries (the renderer asks by `<pluginId>/<query>`). Plugins without fixtures show
 * their empty states, as a new community would.
 */
export function previewFixtures(): FixtureData {
  const lists: Record<string, RecordDoc[]> = {};
  for (const { manifest, fixtures } of standardPluginEntries) {
    for (const [name, query] of Object.entries(manifest.queries ?? {})) {
      lists[`${manifest.id}/${name}`] = (fixtures.records[query.collection] ?? []) as RecordDoc[];
    }
  }
  const counts = Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, v.length]));
  return { lists, counts, points: 120 };
}

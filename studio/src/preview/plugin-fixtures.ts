import type { PluginManifest } from '@scene/schema';
import type { FixtureData, InstalledPlugin } from '@scene/renderer';
import { standardPluginEntries, type PluginFixtures } from '@scene/plugins';

/** The example data shipped with a plugin, when the platform has some (the standard plugins). */
export function shippedFixtures(pluginId: string): PluginFixtures | undefined {
  const entry = standardPluginEntries.find((e) => e.manifest.id === pluginId);
  return entry ? structuredClone(entry.fixtures) : undefined;
}

/**
 * Feeds a plugin's example records to the renderer's fixture source: each query reads the
 * records of its collection (the fixture source keys lists by `<pluginId>/<query>`).
 */
export function fixtureData(manifest: PluginManifest, fixtures?: PluginFixtures): FixtureData {
  const lists: NonNullable<FixtureData['lists']> = {};
  for (const [name, query] of Object.entries(manifest.queries ?? {})) {
    const records = fixtures?.records[query.collection];
    if (records) lists[`${manifest.id}/${name}`] = records;
  }
  return { lists, points: 120 };
}

/** The manifest with its example config, as the renderer wants an installed plugin. */
export function previewPlugin(
  manifest: PluginManifest,
  fixtures?: PluginFixtures,
): InstalledPlugin {
  return { manifest, config: fixtures?.config ?? {} };
}

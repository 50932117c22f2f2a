import type { CollectionDef, PluginManifest } from './types';

/** A collection as the phone sees it: its record schema (forms, labels) and workflow (badges). */
export type ClientCollectionDef = Pick<CollectionDef, 'schema' | 'workflow'>;

/**
 * What a phone needs of a plugin version to draw its views and offer its actions: no access
 * rules, indexes, capacity or counters, migrations, changelog, permissions or lifecycle, which
 * only the server acts on. A full manifest is one too (the studio's preview passes those).
 */
export interface ClientManifest extends Pick<
  PluginManifest,
  'id' | 'version' | 'name' | 'scene' | 'tier' | 'icon' | 'config' | 'actions' | 'queries' | 'views'
> {
  collections: Record<string, ClientCollectionDef>;
}

/** The client projection of a manifest (the runtime serves it, content-addressed, to phones). */
export function clientManifest(m: PluginManifest): ClientManifest {
  const collections: Record<string, ClientCollectionDef> = {};
  for (const [name, def] of Object.entries(m.collections))
    collections[name] = { schema: def.schema, ...(def.workflow ? { workflow: def.workflow } : {}) };
  return {
    id: m.id,
    version: m.version,
    name: m.name,
    scene: m.scene,
    tier: m.tier,
    icon: m.icon,
    config: m.config,
    collections,
    actions: m.actions,
    queries: m.queries,
    views: m.views,
  };
}

import type { ClientManifest } from '@scene/schema';

/** The plugin a node belongs to: its manifest and this installation's configuration. */
export interface PluginScope {
  id: string;
  manifest: ClientManifest;
  config: Record<string, unknown>;
  viewId?: string;
}

/** What bindings and `when` filters of one node can see. */
export interface RenderScope {
  plugin?: PluginScope;
  /** The record of the enclosing data primitive (list row, detail record). */
  item?: Record<string, unknown>;
  /** Where `item` comes from; its schema says how each field reads. */
  itemFrom?: ItemSource;
  route: { id?: string };
  /** Field → value narrowing the data primitives below (set by a filtering `tabs`). */
  filter?: Record<string, unknown>;
  /** Called by a primitive after it changed data the enclosing detail/list shows. */
  refresh?: () => void;
}

/** A record of a collection, or an entry of a config array (`items` of a list or table). */
export type ItemSource = { collection: string } | { config: string };

export function withItem(
  scope: RenderScope,
  item: Record<string, unknown>,
  refresh?: () => void,
  itemFrom?: ItemSource,
): RenderScope {
  return { ...scope, item, refresh: refresh ?? scope.refresh, itemFrom };
}

/**
 * Where the rows of a data primitive come from: the collection its query reads, or the config
 * array its `items` prop binds.
 */
export function itemSource(
  scope: RenderScope,
  query: unknown,
  items?: unknown,
): ItemSource | undefined {
  const bind = (items as { bind?: unknown } | undefined)?.bind;
  if (typeof bind === 'string' && bind.startsWith('config.')) return { config: bind.slice(7) };
  const queries = scope.plugin?.manifest.queries ?? {};
  return typeof query === 'string' && Object.prototype.hasOwnProperty.call(queries, query)
    ? { collection: queries[query]!.collection }
    : undefined;
}

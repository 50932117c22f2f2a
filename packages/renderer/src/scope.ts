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
  route: { id?: string };
  /** Field → value narrowing the data primitives below (set by a filtering `tabs`). */
  filter?: Record<string, unknown>;
  /** Called by a primitive after it changed data the enclosing detail/list shows. */
  refresh?: () => void;
}

export function withItem(
  scope: RenderScope,
  item: Record<string, unknown>,
  refresh?: () => void,
): RenderScope {
  return { ...scope, item, refresh: refresh ?? scope.refresh };
}

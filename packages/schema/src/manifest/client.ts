import type { AccessRule, CapacityRule, CollectionDef, PluginManifest, PluginRole } from './types';
import type { Waitlist } from './parts/people';
import type { PrivacyDef } from './parts/privacy';

/**
 * A collection as the phone sees it: its record schema (forms, labels), workflow (badges), the
 * roles that may read it (so the portal does not draw a query the viewer may not run) and the
 * roles that may unmask its personal fields (so the unmask control is offered to them only), and
 * which named capacity rules keep a waitlist (a full slot may still be booked). Read filters,
 * limits and clear rules stay on the server, which applies them to every answer.
 */
export interface ClientCollectionDef extends Pick<CollectionDef, 'schema' | 'workflow'> {
  access: { read: Pick<AccessRule, 'roles'>[] };
  privacy?: Pick<PrivacyDef, 'unmask'>;
  capacity?: ClientCapacityRule[];
}

export interface ClientCapacityRule extends Pick<CapacityRule, 'id'> {
  waitlist?: Pick<Waitlist, 'state' | 'promoteTo'>;
}

/**
 * What a phone needs of a plugin version to draw its views, offer its actions and decide which
 * of them the viewer may use (`effectiveRoles`, `mayOpenView`, `mayRunQuery` read the same fields
 * as on the server): no read filters, indexes, capacity or counters, migrations, changelog,
 * permissions or lifecycle, which only the server acts on. A full manifest is one too (the
 * studio's preview passes those).
 */
export interface ClientManifest extends Pick<
  PluginManifest,
  'id' | 'version' | 'name' | 'scene' | 'tier' | 'icon' | 'config' | 'actions' | 'queries' | 'views'
> {
  roles: Pick<PluginRole, 'id' | 'grantedTo'>[];
  collections: Record<string, ClientCollectionDef>;
}

/** The client projection of a manifest (the runtime serves it, content-addressed, to phones). */
export function clientManifest(m: PluginManifest): ClientManifest {
  const collections: Record<string, ClientCollectionDef> = {};
  for (const [name, def] of Object.entries(m.collections)) {
    const unmask = def.privacy?.unmask;
    const capacity = (def.capacity ?? [])
      .filter((r) => r.id !== undefined)
      .map(({ id, waitlist }) => ({
        id,
        ...(waitlist ? { waitlist: { state: waitlist.state, promoteTo: waitlist.promoteTo } } : {}),
      }));
    collections[name] = {
      schema: def.schema,
      ...(def.workflow ? { workflow: def.workflow } : {}),
      access: { read: def.access.read.map((rule) => ({ roles: rule.roles })) },
      ...(unmask ? { privacy: { unmask } } : {}),
      ...(capacity.length ? { capacity } : {}),
    };
  }
  return {
    id: m.id,
    version: m.version,
    name: m.name,
    scene: m.scene,
    tier: m.tier,
    icon: m.icon,
    config: m.config,
    roles: m.roles.map((r) => ({ id: r.id, grantedTo: r.grantedTo })),
    collections,
    actions: m.actions,
    queries: m.queries,
    views: m.views,
  };
}

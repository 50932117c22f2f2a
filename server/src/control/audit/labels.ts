import { SYSTEM_ACTOR } from '../auth/actor';
import type { AuthModels } from '../auth/model';
import type { RegionModels } from '../regions/model';
import type { RegistryModels } from '../registry/model';
import type { AuditEntry } from './service';

type Localized = Record<string, string>;

/**
 * What the people, communities, plugins and plugin roles named on one page of the log are called
 * today. The log itself keeps ids only (names are personal data, and they change); a reader gets
 * them resolved here, for just the ids on the page.
 */
export interface AuditLabels {
  accounts: Record<string, string>;
  communities: Record<string, string>;
  plugins: Record<string, Localized>;
  /** By grant, `plugin:<pluginId>/<roleId>`. */
  pluginRoles: Record<string, Localized>;
  /** Regions (province … street) by id; a removed one has no name left and reads as "a region". */
  regions: Record<string, string>;
}

/** Every region an entry names: its target, or the node a summary points to. */
function regionsIn(entry: Pick<AuditEntry, 'target' | 'summary'>): string[] {
  const ids = ['regionId', 'streetId', 'parentId'].map((key) => entry.summary?.[key]);
  if (entry.target.type === 'region') ids.push(entry.target.id);
  return ids.filter((id): id is string => typeof id === 'string');
}

const GRANT = /^plugin:([^/]+)\/(.+)$/;

/** Every plugin-role grant a summary mentions (a membership's or an invitation's, before or after). */
function grantsIn(summary: Record<string, unknown> | undefined): string[] {
  if (!summary) return [];
  const lists = [summary, summary.before, summary.after].map((part) =>
    part && typeof part === 'object' ? (part as { pluginRoles?: unknown }).pluginRoles : undefined,
  );
  return lists.flatMap((l) =>
    Array.isArray(l) ? l.filter((g): g is string => typeof g === 'string') : [],
  );
}

/** The plugin an entry is about, read from its target (`<community>:<plugin>`, `<plugin>@<v>`). */
export function pluginOf(entry: Pick<AuditEntry, 'target' | 'summary'>): string | undefined {
  const { type, id } = entry.target;
  if (type === 'installation') return id.slice(id.indexOf(':') + 1);
  if (type === 'plugin-version') return id.slice(0, id.lastIndexOf('@'));
  if (type === 'record' || type === 'query' || type === 'action') return id.split('/')[0];
  return typeof entry.summary?.pluginId === 'string' ? entry.summary.pluginId : undefined;
}

export class AuditLabeler {
  constructor(
    private readonly models: Pick<AuthModels, 'Account'> &
      Pick<RegistryModels, 'PluginVersion'> &
      Pick<RegionModels, 'Region'>,
    private readonly communityNames: (ids: string[]) => Promise<Map<string, string>>,
  ) {}

  async labels(entries: AuditEntry[]): Promise<AuditLabels> {
    const accounts = new Set<string>();
    const communities = new Set<string>();
    const plugins = new Set<string>();
    const grants = new Set<string>();
    const regions = new Set<string>();
    for (const e of entries) {
      for (const r of regionsIn(e)) regions.add(r);
      if (e.actorId !== SYSTEM_ACTOR.accountId) accounts.add(e.actorId);
      if (e.target.type === 'account') accounts.add(e.target.id);
      // Family entries name the other people by account id.
      for (const key of ['with', 'to', 'a', 'b']) {
        const id = e.summary?.[key];
        if (typeof id === 'string') accounts.add(id);
      }
      if (e.communityId) communities.add(e.communityId);
      if (e.target.type === 'community') communities.add(e.target.id);
      const plugin = pluginOf(e);
      if (plugin) plugins.add(plugin);
      for (const g of grantsIn(e.summary)) {
        grants.add(g);
        const m = GRANT.exec(g);
        if (m) plugins.add(m[1]!);
      }
    }
    const [people, places, manifests, nodes] = await Promise.all([
      accounts.size
        ? this.models.Account.find({ _id: { $in: [...accounts] } }, { displayName: 1 }).lean()
        : [],
      this.communityNames([...communities]),
      this.newestManifests([...plugins]),
      regions.size
        ? this.models.Region.find({ _id: { $in: [...regions] } }, { name: 1 }).lean()
        : [],
    ]);
    const labels: AuditLabels = {
      accounts: Object.fromEntries(people.map((p) => [p._id, p.displayName])),
      communities: Object.fromEntries(places),
      plugins: {},
      pluginRoles: {},
      regions: Object.fromEntries(nodes.map((r) => [r._id, r.name])),
    };
    for (const [pluginId, m] of manifests) {
      labels.plugins[pluginId] = m.name;
      for (const role of m.roles ?? [])
        labels.pluginRoles[`plugin:${pluginId}/${role.id}`] = role.name;
    }
    return labels;
  }

  /** Each plugin's name and roles as its newest version states them. */
  private async newestManifests(
    pluginIds: string[],
  ): Promise<Map<string, { name: Localized; roles?: { id: string; name: Localized }[] }>> {
    if (!pluginIds.length) return new Map();
    const versions = await this.models.PluginVersion.find(
      { pluginId: { $in: pluginIds } },
      { pluginId: 1, major: 1, minor: 1, patch: 1 },
    ).lean();
    type Numbered = { major: number; minor: number; patch: number };
    const later = (a: Numbered, b: Numbered) =>
      a.major - b.major || a.minor - b.minor || a.patch - b.patch;
    const newest = new Map<string, (typeof versions)[number]>();
    for (const v of versions) {
      const best = newest.get(v.pluginId);
      if (!best || later(v, best) > 0) newest.set(v.pluginId, v);
    }
    const docs = await this.models.PluginVersion.find(
      { _id: { $in: [...newest.values()].map((v) => v._id) } },
      { pluginId: 1, name: 1, manifestJson: 1 },
    ).lean();
    return new Map(
      docs.map((d) => {
        const manifest = JSON.parse(d.manifestJson) as {
          roles?: { id: string; name: Localized }[];
        };
        return [d.pluginId, { name: d.name, roles: manifest.roles }];
      }),
    );
  }
}

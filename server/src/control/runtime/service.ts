import { DEFAULT_TIME_ZONE, type Portal } from '@scene/schema';
import type { ChangeFeed } from '../../events/feed';
import { CommunityCache } from '../community-cache';
import { HttpError } from '../../http/errors';
import type { CommunityModels } from '../communities/model';
import type { InstallationModels } from '../installations/model';
import type { PortalModels } from '../portals/model';
import { pluginUsage } from '../portals/report';
import { sha256Hex } from '../registry/canonical';
import type { ManifestProjections } from './projections';
import { gzipToKeep } from '../../http/gzip';

export interface RuntimeBundle {
  /** The bundle bytes (UTF-8 JSON) and their strong ETag, ready to send. */
  body: Buffer;
  etag: string;
  /**
   * The same bytes gzipped once per bundle (a phone on a weak network gets about a third), with
   * their own strong ETag: another content coding is another representation.
   */
  gzip: Buffer;
  gzipEtag: string;
  /**
   * Where the client projections it names are served together (the portal page preloads it),
   * or undefined when it places no plugin.
   */
  projectionsPath: string | undefined;
}

/** Plugin versions a phone may ask for in one request; a portal places far fewer. */
export const MAX_PROJECTION_SET = 64;

/**
 * The path serving several plugin versions' client projections in one answer. On a slow phone
 * network each request costs a round trip and the browser opens six connections at most, so
 * ten separate projections queued the portal's own scripts behind them; one answer does not.
 * The set is in plugin id order and each entry names its hash, so the path names exactly these
 * bytes and stays immutable. `@scene/client`'s runtime resource builds the same path.
 */
export const projectionsPath = (
  plugins: Record<string, { version: string; manifestHash: string }>,
): string | undefined => {
  const ids = Object.keys(plugins).sort();
  if (!ids.length) return undefined;
  const set = ids.map((id) => {
    const p = plugins[id]!;
    return `${id}:${encodeURIComponent(p.version)}:${p.manifestHash}`;
  });
  return `/api/v1/runtime/plugins?set=${set.join(',')}`;
};

/** A set of projections sent together: built once per set, shared by every community. */
interface ProjectionSet {
  body: Buffer;
  gzip: Buffer;
  hash: string;
}

const MAX_CACHED_SETS = 500;

type Models = Pick<CommunityModels, 'Community'> &
  Pick<PortalModels, 'PortalVersion'> &
  Pick<InstallationModels, 'Installation'>;

/**
 * The community's part of the runtime: its live portal and, for each plugin the portal places,
 * the installed version, state, configuration and the hash of the version's client projection
 * (`ManifestProjections`, fetched separately and shared by every community). A few KB per
 * community, so a process holds every community's.
 *
 * Caching: a community's part is kept until the change feed (events/feed.ts) says the community
 * changed — publish, rollback, installation and community changes all emit `runtime.changed`
 * after writing — so a request reads nothing from the database while nothing changed, and every
 * process follows another's change within a poll. A part is built from one immutable portal
 * version and documents read by `_id` (the local database scans anything else).
 */
export class RuntimeService {
  private readonly parts = new CommunityCache<RuntimeBundle>();
  private readonly sets = new Map<string, Promise<ProjectionSet>>();

  constructor(
    private readonly models: Models,
    private readonly projections: ManifestProjections,
    private readonly feed: ChangeFeed,
  ) {}

  /** Forgets one community's part, or every part (`undefined`: the feed lost track). */
  invalidate(communityId: string | undefined): void {
    this.parts.forget(communityId);
  }

  bundle(communityId: string): Promise<RuntimeBundle> {
    const cached = () => this.parts.get(communityId, '', () => this.build(communityId));
    // Not an async function: on every page load the cached promise is handed back as it is,
    // without the extra turns an `await` and an async return would add.
    const wait = this.feed.synced();
    return wait ? wait.then(cached) : cached();
  }

  /**
   * The bundle when it is cached and the feed needs no catching up (nearly every request),
   * else undefined: then `bundle` waits for it.
   */
  cachedBundle(communityId: string): RuntimeBundle | undefined {
    return this.feed.synced() ? undefined : this.parts.peek(communityId, '');
  }

  /**
   * The bundle and, when it places plugins, their projections' bytes in one object by plugin
   * id: what the server draws a community's first page from (both from the caches).
   */
  async withProjections(
    communityId: string,
  ): Promise<{ bundle: RuntimeBundle; projections: Buffer | undefined }> {
    const bundle = await this.bundle(communityId);
    const path = bundle.projectionsPath;
    const set = path && new URLSearchParams(path.slice(path.indexOf('?'))).get('set');
    return { bundle, projections: set ? (await this.projectionSet(set)).body : undefined };
  }

  /** A plugin version's client projection, when `hash` names it (else 404). */
  async projection(pluginId: string, version: string, hash: string) {
    const projection = await this.projections.get(pluginId, version);
    if (projection.hash !== hash)
      throw new HttpError(404, 'not_found', 'No such plugin projection.');
    return projection;
  }

  /**
   * Several projections in one JSON object keyed by plugin id, for a `set` of
   * `pluginId:version:hash` entries (its shape checked by the route). 404 when one entry does
   * not name its version's projection.
   */
  projectionSet(set: string): Promise<ProjectionSet> {
    let hit = this.sets.get(set);
    if (!hit) {
      hit = this.buildSet(set);
      hit.catch(() => this.sets.delete(set));
      if (this.sets.size >= MAX_CACHED_SETS) this.sets.delete(this.sets.keys().next().value!);
      this.sets.set(set, hit);
    }
    return hit;
  }

  private async buildSet(set: string): Promise<ProjectionSet> {
    const entries = set.split(',').map((entry) => {
      const [pluginId, version, hash] = entry.split(':') as [string, string, string];
      return { pluginId, version, hash };
    });
    const projections = await Promise.all(
      entries.map((e) => this.projection(e.pluginId, e.version, e.hash)),
    );
    // The projections' bytes are JSON already: joined, not parsed and written again.
    const parts = projections.flatMap((p, i) => [
      Buffer.from(`${i ? ',' : '{'}${JSON.stringify(entries[i]!.pluginId)}:`),
      p.body,
    ]);
    const body = Buffer.concat([...parts, Buffer.from('}')]);
    return { body, gzip: gzipToKeep(body), hash: sha256Hex(Buffer.from(set)).slice(0, 40) };
  }

  private async build(communityId: string): Promise<RuntimeBundle> {
    const community = await this.models.Community.findById(communityId, {
      name: 1,
      city: 1,
      district: 1,
      type: 1,
      timeZone: 1,
      status: 1,
      publishedVersion: 1,
    }).lean();
    if (!community || community.status !== 'active')
      throw new HttpError(404, 'not_found', 'No such community.');
    if (!community.publishedVersion)
      throw new HttpError(404, 'not_published', 'This community has not published its portal yet.');
    const version = await this.models.PortalVersion.findById(
      `${communityId}:${community.publishedVersion}`,
    ).lean();
    if (!version) throw new HttpError(404, 'not_published', 'The live portal version is missing.');
    const portal = JSON.parse(version.portalJson) as Portal;
    const used = [...pluginUsage(portal).keys()].sort();
    const installed = await Promise.all(
      used.map((pluginId) =>
        this.models.Installation.findById(`${communityId}:${pluginId}`).lean(),
      ),
    );
    const plugins: Record<
      string,
      { version: string; enabled: boolean; config: unknown; manifestHash: string }
    > = {};
    for (const doc of installed) {
      // Uninstalled since publishing: its blocks render as unavailable.
      if (!doc || doc.status === 'uninstalling') continue;
      const projection = await this.projections.get(doc.pluginId, doc.version);
      plugins[doc.pluginId] = {
        version: doc.version,
        enabled: doc.status === 'active',
        config: JSON.parse(doc.configJson),
        manifestHash: projection.hash,
      };
    }
    const document = {
      communityId,
      community: {
        id: community._id,
        name: community.name,
        city: community.city,
        district: community.district,
        type: community.type,
        timeZone: community.timeZone ?? DEFAULT_TIME_ZONE,
      },
      version: version.number,
      publishedAt: version.publishedAt.toISOString(),
      portal,
      plugins,
    };
    const body = Buffer.from(JSON.stringify(document));
    const hash = sha256Hex(body).slice(0, 40);
    return {
      body,
      etag: `"${hash}"`,
      gzip: gzipToKeep(body),
      gzipEtag: `"${hash}-gzip"`,
      projectionsPath: projectionsPath(plugins),
    };
  }
}

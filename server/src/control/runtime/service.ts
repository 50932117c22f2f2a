import { gzipSync } from 'node:zlib';
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
  /** Where the client projections it names are served (the portal page preloads them). */
  manifestPaths: string[];
}

/** The path of a plugin version's client projection (the client builds the same one). */
export const manifestPath = (pluginId: string, version: string, hash: string) =>
  `/api/v1/runtime/plugins/${encodeURIComponent(pluginId)}/${encodeURIComponent(version)}/${hash}`;

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

  constructor(
    private readonly models: Models,
    private readonly projections: ManifestProjections,
    private readonly feed: ChangeFeed,
  ) {}

  /** Forgets one community's part, or every part (`undefined`: the feed lost track). */
  invalidate(communityId: string | undefined): void {
    this.parts.forget(communityId);
  }

  async bundle(communityId: string): Promise<RuntimeBundle> {
    const wait = this.feed.synced();
    if (wait) await wait;
    return this.parts.get(communityId, '', () => this.build(communityId));
  }

  /** A plugin version's client projection, when `hash` names it (else 404). */
  async projection(pluginId: string, version: string, hash: string) {
    const projection = await this.projections.get(pluginId, version);
    if (projection.hash !== hash)
      throw new HttpError(404, 'not_found', 'No such plugin projection.');
    return projection;
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
      gzip: gzipSync(body),
      gzipEtag: `"${hash}-gzip"`,
      manifestPaths: Object.entries(plugins).map(([id, p]) =>
        manifestPath(id, p.version, p.manifestHash),
      ),
    };
  }
}

import { gzipSync } from 'node:zlib';
import type { PluginManifest, Portal } from '@scene/schema';
import type { CommunityModels } from '../communities/model';
import type { CommunityService } from '../communities/service';
import { HttpError } from '../../http/errors';
import type { InstallationService } from '../installations/service';
import type { PortalService } from '../portals/service';
import { pluginUsage } from '../portals/report';
import { sha256Hex } from '../registry/canonical';

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
}

interface Pointer {
  key: string;
  readAt: number;
}

/**
 * The runtime bundle of each community: the live portal plus exactly the manifests (and installed
 * configuration) of the plugins it places, as one JSON document with a strong ETag.
 *
 * Caching, and why it is safe across processes: a bundle is cached under the key
 * `<publishedVersion>:<runtimeTag>` read from the community document. Publish, rollback and every
 * installation change write a new pointer/tag to that document AFTER writing what the bundle is
 * built from (the immutable version, the installation), so a key read from the document never
 * names older data than it describes. This process drops its copy at once when it makes such a
 * change itself; a change made by another process is seen when the cached pointer is re-read,
 * at most `pointerTtlMs` later (1 s by default). Until then this process serves the previous
 * complete bundle — never a mix, because the bundle is built from one immutable portal version.
 */
export class RuntimeService {
  private readonly pointers = new Map<string, Pointer>();
  private readonly bundles = new Map<string, { key: string; bundle: RuntimeBundle }>();
  private readonly building = new Map<string, Promise<RuntimeBundle>>();

  constructor(
    private readonly models: Pick<CommunityModels, 'Community'>,
    private readonly communities: CommunityService,
    private readonly portals: PortalService,
    private readonly installations: InstallationService,
    private readonly pointerTtlMs: number,
  ) {}

  invalidate(communityId: string): void {
    this.pointers.delete(communityId);
    this.bundles.delete(communityId);
  }

  private async pointer(communityId: string): Promise<string> {
    const cached = this.pointers.get(communityId);
    if (cached && Date.now() - cached.readAt < this.pointerTtlMs) return cached.key;
    const doc = await this.models.Community.findById(communityId, {
      publishedVersion: 1,
      runtimeTag: 1,
      status: 1,
    }).lean();
    if (!doc || doc.status !== 'active')
      throw new HttpError(404, 'not_found', 'No such community.');
    if (!doc.publishedVersion)
      throw new HttpError(404, 'not_published', 'This community has not published its portal yet.');
    const key = `${doc.publishedVersion}:${doc.runtimeTag}`;
    if (this.pointers.size > 10_000) this.pointers.clear();
    this.pointers.set(communityId, { key, readAt: Date.now() });
    return key;
  }

  async bundle(communityId: string): Promise<RuntimeBundle> {
    const key = await this.pointer(communityId);
    const hit = this.bundles.get(communityId);
    if (hit?.key === key) return hit.bundle;
    // One build per community and key at a time, however many requests miss together.
    const flightKey = `${communityId}|${key}`;
    let flight = this.building.get(flightKey);
    if (!flight) {
      flight = this.build(communityId, Number(key.split(':')[0])).finally(() =>
        this.building.delete(flightKey),
      );
      this.building.set(flightKey, flight);
    }
    const bundle = await flight;
    if (this.bundles.size > 5_000) this.bundles.clear();
    this.bundles.set(communityId, { key, bundle });
    return bundle;
  }

  private async build(communityId: string, versionNumber: number): Promise<RuntimeBundle> {
    const version = await this.portals.version(communityId, versionNumber);
    const community = await this.communities.get(communityId);
    const installed = await this.installations.installedManifests(communityId);
    const plugins: Record<
      string,
      {
        version: string;
        enabled: boolean;
        config: unknown;
        manifest: Omit<PluginManifest, 'migrations' | 'changelog'>;
      }
    > = {};
    for (const pluginId of [...pluginUsage(version.portal).keys()].sort()) {
      const entry = installed.get(pluginId);
      if (!entry) continue; // uninstalled since publishing: its blocks render as unavailable
      const { migrations: _m, changelog: _c, ...manifest } = entry.manifest;
      plugins[pluginId] = {
        version: entry.doc.version,
        enabled: entry.doc.status === 'active',
        config: JSON.parse(entry.doc.configJson),
        manifest,
      };
    }
    const document = {
      communityId,
      community: {
        id: community.id,
        name: community.name,
        city: community.city,
        district: community.district,
        type: community.type,
        timeZone: community.timeZone,
      },
      version: version.version,
      publishedAt: version.publishedAt,
      portal: version.portal as Portal,
      plugins,
    };
    const body = Buffer.from(JSON.stringify(document));
    const hash = sha256Hex(body).slice(0, 40);
    return { body, etag: `"${hash}"`, gzip: gzipSync(body), gzipEtag: `"${hash}-gzip"` };
  }
}

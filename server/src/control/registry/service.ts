import { upgradeManifest, type PluginManifest } from '@scene/schema';
import semver from 'semver';
import type { Actor } from '../auth/actor';
import type { AuditService } from '../audit/service';
import type { ChangeFeed } from '../../events/feed';
import { isDuplicateKey } from '../../db/claims';
import { forbidden, HttpError, notFound } from '../../http/errors';
import { PLATFORM_VERSION } from '../../version';
import { canonicalJson, sha256Hex } from './canonical';
import {
  assessPublish,
  type issueDetails,
  type PublishCheck,
  type PublishedSoFar,
} from './publish-checks';
import { summary, type PluginSummary } from './summary';
import type { PluginVersionDoc, RegistryModels, ReviewStatus } from './model';
import { StandardVersions, type StandardVersion } from './standard';

export interface ListFilter {
  scene?: string;
  tier?: 'standard' | 'optional';
  vendor?: string;
  status?: ReviewStatus;
  q?: string;
  /** Only versions whose `engines.platform` accepts this platform version. */
  platform?: string;
  limit: number;
}

const parsed = new Map<string, PluginManifest>();

/**
 * The plugin registry: publish (validated, immutable, checksummed, gated against the previous
 * version), review, list and search. Vendors see and publish only their own plugins; operators
 * and everyone else see approved versions only.
 */
export class RegistryService {
  private readonly standard: StandardVersions;

  constructor(
    private readonly models: RegistryModels,
    private readonly audit: AuditService,
    feed: ChangeFeed,
  ) {
    this.standard = new StandardVersions(models, feed);
  }

  private readonly published: PublishedSoFar = {
    versions: (pluginId) =>
      this.models.PluginVersion.find({ pluginId }, { version: 1, status: 1 }).lean(),
    manifest: (pluginId, version) => this.manifest(pluginId, version),
  };

  private visibility(actor: Actor): Record<string, unknown> {
    if (actor.platformRoles.includes('admin')) return {};
    if (actor.platformRoles.includes('vendor')) return { vendorId: actor.vendorId ?? '\u0000' };
    return { status: 'approved' };
  }

  /**
   * A dry run of publish: the same checks (schema, semantics, vendor, version, breaking-change
   * gate against the previous version) and the same errors, nothing stored. The vendor console
   * validates with it as the vendor types, so what it shows is what publishing would say.
   */
  async check(actor: Actor, json: unknown): Promise<PublishCheck> {
    const { upgrade, warnings } = await assessPublish(actor, json, this.published);
    return { ok: true, warnings, ...(upgrade ? { upgrade } : {}) };
  }

  async publish(
    actor: Actor,
    json: unknown,
  ): Promise<PluginSummary & { warnings: ReturnType<typeof issueDetails> }> {
    const { manifest, version, upgrade, warnings } = await assessPublish(
      actor,
      json,
      this.published,
    );
    // Stored as submitted: key order carries meaning in a manifest (a compound index's fields,
    // the order of a form's properties). The checksum covers the canonical form, so the same
    // manifest with its keys in another order has the same checksum.
    const manifestJson = JSON.stringify(manifest);
    const doc: PluginVersionDoc = {
      _id: `${manifest.id}@${manifest.version}`,
      pluginId: manifest.id,
      version: manifest.version,
      major: version.major,
      minor: version.minor,
      patch: version.patch,
      prerelease: version.prerelease.length > 0,
      vendorId: manifest.vendor.id,
      vendorName: { ...manifest.vendor.name },
      scene: manifest.scene,
      tier: manifest.tier,
      name: { ...manifest.name },
      searchText: [
        manifest.id,
        manifest.name['zh-CN'],
        manifest.name.en,
        manifest.description['zh-CN'],
        manifest.description.en,
      ]
        .join(' ')
        .toLowerCase(),
      enginesPlatform: manifest.engines.platform,
      permissions: manifest.permissions.map((p) => p.scope),
      manifestJson,
      checksum: sha256Hex(canonicalJson(manifest)),
      status: 'pending',
      ...(upgrade ? { upgrade } : {}),
      publishedBy: actor.accountId,
      publishedAt: new Date(),
    };
    try {
      await this.models.PluginVersion.create(doc);
    } catch (err) {
      if (isDuplicateKey(err))
        throw new HttpError(409, 'version_exists', `${doc._id} is already published.`);
      throw err;
    }
    await this.audit.record(actor, {
      action: 'plugin.publish',
      target: { type: 'plugin-version', id: doc._id },
      summary: { checksum: doc.checksum, tier: doc.tier, ...(upgrade ? { upgrade } : {}) },
    });
    return { ...summary(doc), warnings };
  }

  async review(
    actor: Actor,
    pluginId: string,
    version: string,
    decision: 'approve' | 'reject',
    reason?: string,
  ): Promise<PluginSummary> {
    const id = `${pluginId}@${version}`;
    const doc = await this.models.PluginVersion.findById(id).lean();
    if (!doc) throw notFound('No such plugin version.');
    if (decision === 'reject' && !reason)
      throw new HttpError(400, 'reason_required', 'Say why the version is rejected.');
    try {
      await this.models.PluginReview.create({
        _id: id,
        decision,
        ...(reason ? { reason } : {}),
        by: actor.accountId,
        at: new Date(),
      });
    } catch (err) {
      if (isDuplicateKey(err))
        throw new HttpError(
          409,
          'already_reviewed',
          `${id} has already been reviewed (${doc.status}).`,
        );
      throw err;
    }
    const status: ReviewStatus = decision === 'approve' ? 'approved' : 'rejected';
    const review = { by: actor.accountId, at: new Date(), ...(reason ? { reason } : {}) };
    await this.models.PluginVersion.updateOne({ _id: id }, { $set: { status, review } });
    // Approving a version may add a plugin communities can install; a standard one's review
    // also changes what every community gets.
    if (doc.tier === 'standard' || status === 'approved')
      await this.standard.changed(doc.tier === 'standard');
    await this.audit.record(actor, {
      action: 'plugin.review',
      target: { type: 'plugin-version', id },
      summary: { before: { status: doc.status }, after: { status } },
    });
    return summary({ ...doc, status, review });
  }

  /** The newest visible version of each plugin matching the filter. */
  async list(actor: Actor, filter: ListFilter): Promise<PluginSummary[]> {
    const query: Record<string, unknown> = { ...this.visibility(actor) };
    if (filter.scene) query.scene = filter.scene;
    if (filter.tier) query.tier = filter.tier;
    if (filter.vendor) {
      if (query.vendorId && query.vendorId !== filter.vendor) return [];
      query.vendorId = filter.vendor;
    }
    if (filter.status) {
      if (query.status && query.status !== filter.status) return [];
      query.status = filter.status;
    }
    if (filter.q) query.searchText = { $regex: escapeRegex(filter.q.toLowerCase()) };
    const docs = await this.models.PluginVersion.find(query, { manifestJson: 0 })
      .sort({ pluginId: 1, major: -1, minor: -1, patch: -1 })
      .limit(5000)
      .lean();
    const out: PluginSummary[] = [];
    const seen = new Set<string>();
    for (const d of docs) {
      if (seen.has(d.pluginId)) continue;
      if (filter.platform && !semver.satisfies(filter.platform, d.enginesPlatform)) continue;
      seen.add(d.pluginId);
      out.push(summary(d));
      if (out.length >= filter.limit) break;
    }
    return out;
  }

  async reviewQueue(limit: number): Promise<PluginSummary[]> {
    const docs = await this.models.PluginVersion.find({ status: 'pending' }, { manifestJson: 0 })
      .sort({ publishedAt: 1 })
      .limit(limit)
      .lean();
    return docs.map(summary);
  }

  async versions(actor: Actor, pluginId: string): Promise<PluginSummary[]> {
    const docs = await this.models.PluginVersion.find(
      { pluginId, ...this.visibility(actor) },
      { manifestJson: 0 },
    )
      .sort({ major: -1, minor: -1, patch: -1 })
      .lean();
    if (!docs.length) throw notFound('No such plugin.');
    return docs.sort((a, b) => semver.rcompare(a.version, b.version)).map(summary);
  }

  async get(
    actor: Actor,
    pluginId: string,
    version: string,
  ): Promise<PluginSummary & { manifest: PluginManifest }> {
    const doc = await this.models.PluginVersion.findOne({
      _id: `${pluginId}@${version}`,
      ...this.visibility(actor),
    }).lean();
    if (!doc) throw notFound('No such plugin version.');
    return { ...summary(doc), manifest: parse(doc) };
  }

  /** The newest approved version whose `engines.platform` accepts `platform`. */
  async latestCompatible(
    actor: Actor,
    pluginId: string,
    platform = PLATFORM_VERSION,
  ): Promise<PluginSummary & { manifest: PluginManifest }> {
    const docs = await this.models.PluginVersion.find(
      { pluginId, status: 'approved', ...this.visibility(actor) },
      { manifestJson: 0 },
    ).lean();
    const best = docs
      .filter((d) => semver.satisfies(platform, d.enginesPlatform))
      .sort((a, b) => semver.rcompare(a.version, b.version))[0];
    if (!best)
      throw new HttpError(
        404,
        'no_compatible_version',
        `No approved version of ${pluginId} works with platform ${platform}.`,
      );
    return this.get(actor, pluginId, best.version);
  }

  /** A stored manifest (internal use: installations, portals, runtime). Cached: versions are immutable. */
  async manifest(pluginId: string, version: string): Promise<PluginManifest> {
    const id = `${pluginId}@${version}`;
    const hit = parsed.get(id);
    if (hit) return hit;
    const doc = await this.models.PluginVersion.findById(id).lean();
    if (!doc) throw notFound(`No such plugin version ${id}.`);
    return parse(doc);
  }

  async status(pluginId: string, version: string): Promise<PluginVersionDoc | null> {
    return this.models.PluginVersion.findById(`${pluginId}@${version}`, { manifestJson: 0 }).lean();
  }

  approvedStandardPlugins(): Promise<StandardVersion[]> {
    return this.standard.list();
  }

  /** The ids of every plugin with an approved version (sorted): all a community can install. */
  approvedPluginIds(): Promise<string[]> {
    return this.standard.pluginIds();
  }

  /** Vendors may only act on their own plugins. */
  assertOwner(actor: Actor, pluginId: string): void {
    if (actor.platformRoles.includes('admin')) return;
    if (!actor.vendorId || !pluginId.startsWith(`${actor.vendorId}.`)) throw forbidden();
  }
}

/** A stored manifest as every reader sees it: upgraded to the current version, keys in the vendor's order. */
function parse(doc: PluginVersionDoc): PluginManifest {
  let m = parsed.get(doc._id);
  if (!m) {
    m = upgradeManifest(JSON.parse(doc.manifestJson) as PluginManifest);
    if (parsed.size > 1000) parsed.delete(parsed.keys().next().value!);
    parsed.set(doc._id, m);
  }
  return m;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

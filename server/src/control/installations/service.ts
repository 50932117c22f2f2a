import type { PluginManifest } from '@scene/schema';
import semver from 'semver';
import { SYSTEM_ACTOR, type Actor } from '../auth/actor';
import type { AuditService } from '../audit/service';
import type { CommunityService } from '../communities/service';
import { isDuplicateKey } from '../../db/claims';
import { HttpError, notFound } from '../../http/errors';
import type { RegistryService } from '../registry/service';
import { PLATFORM_VERSION } from '../../version';
import { configDefaults } from './defaults';
import { hasSchedules } from './schedules';
import type { CommunityModels } from '../communities/model';
import type { PortalModels } from '../portals/model';
import { livePortalUsage } from '../portals/usage';
import type { InstallationLifecycle } from './lifecycle';
import type { InstallationDoc, InstallationModels } from './model';
import { installationView, type InstallationView } from './view';
export type { InstallationView } from './view';
export type { UpgradeReport } from './checks';
import { checkConfig, checkConsent, upgradeReport, type UpgradeReport } from './checks';
import type { ChangeFeed } from '../../events/feed';
import { CommunityCache } from '../community-cache';
import { SharedStrings } from '../shared-strings';

type Who = Actor | 'system';
const who = (w: Who) => (w === 'system' ? SYSTEM_ACTOR : w);

export class InstallationService {
  constructor(
    private readonly models: InstallationModels &
      Pick<PortalModels, 'PortalVersion'> &
      Pick<CommunityModels, 'Community'>,
    private readonly registry: RegistryService,
    private readonly communities: CommunityService,
    private readonly audit: AuditService,
    /** What happens to the plugin's records (the data plane's indexes, migrations, exports). */
    private readonly lifecycle: InstallationLifecycle,
    private readonly feed: ChangeFeed,
  ) {}

  /**
   * Installations by community and plugin (null: not installed), as reads see them: every
   * action and query asks for one. Kept until the change feed says the community's
   * installations changed (every change below calls `touchRuntime` after writing).
   */
  private readonly cache = new CommunityCache<InstallationDoc | null>();
  private readonly strings = new SharedStrings();

  /** Forgets one community's installations, or every community's (`undefined`). */
  invalidate(communityId: string | undefined): void {
    this.cache.forget(communityId);
  }

  private async cached(communityId: string, pluginId: string): Promise<InstallationDoc | null> {
    const wait = this.feed.synced();
    if (wait) await wait;
    return this.cache.get(communityId, pluginId, async () => {
      const doc = await this.models.Installation.findById(`${communityId}:${pluginId}`)
        .lean()
        .exec();
      return doc && this.shared(doc);
    });
  }

  /** Kept for as long as the community is cached: its text shared with every other community's. */
  private shared(doc: InstallationDoc): InstallationDoc {
    const s = (v: string) => this.strings.share(v);
    return {
      ...doc,
      pluginId: s(doc.pluginId),
      version: s(doc.version),
      configJson: s(doc.configJson),
      grantedPermissions: doc.grantedPermissions.map(s),
      installedBy: s(doc.installedBy),
    };
  }

  private portalUsage(communityId: string) {
    return livePortalUsage(this.models, communityId);
  }

  /**
   * The community's installations, sorted by plugin. Each plugin with an approved version (the
   * only ones installable) is looked up by `_id` through the cache: a filter on `communityId`
   * would decode every installation of the province on the local database. Cold, that is one
   * read per approved plugin, in parallel (round trips on MongoDB, where the filter would use its
   * index); warm, none until the change feed says the community's installations changed.
   */
  async list(communityId: string, withManifest: boolean): Promise<InstallationView[]> {
    const ids = await this.registry.approvedPluginIds();
    const docs = await Promise.all(ids.map((id) => this.cached(communityId, id)));
    return Promise.all(docs.flatMap((d) => (d ? [d] : [])).map((d) => this.view(d, withManifest)));
  }

  async get(communityId: string, pluginId: string, withManifest = true): Promise<InstallationView> {
    const d = await this.cached(communityId, pluginId);
    if (!d) throw notFound(`${pluginId} is not installed here.`);
    return this.view(d, withManifest);
  }

  /**
   * What a portal can draw on: the installations (active or disabled), with manifests, of the
   * plugins it uses and of every standard plugin. Read by `_id` rather than by listing the
   * community's installations, which the local database would scan for.
   */
  async installedManifests(
    communityId: string,
    usedPluginIds: Iterable<string>,
  ): Promise<Map<string, { doc: InstallationDoc; manifest: PluginManifest }>> {
    const standard = (await this.registry.approvedStandardPlugins()).map((p) => p.pluginId);
    const docs = await Promise.all(
      [...new Set([...usedPluginIds, ...standard])].map((id) => this.cached(communityId, id)),
    );
    const out = new Map<string, { doc: InstallationDoc; manifest: PluginManifest }>();
    for (const d of docs)
      if (d && d.status !== 'uninstalling')
        out.set(d.pluginId, {
          doc: d,
          manifest: await this.registry.manifest(d.pluginId, d.version),
        });
    return out;
  }

  /** The stored installation, read afresh (changes start from it). */
  private async doc(communityId: string, pluginId: string): Promise<InstallationDoc> {
    const d = await this.models.Installation.findById(`${communityId}:${pluginId}`).lean();
    if (!d) throw notFound(`${pluginId} is not installed here.`);
    return d;
  }

  private async view(d: InstallationDoc, withManifest: boolean): Promise<InstallationView> {
    // Versions are immutable, so the registry keeps parsed manifests: no read per installation.
    return installationView(d, await this.registry.manifest(d.pluginId, d.version), withManifest);
  }

  /** An installable version: approved and made for this platform. */
  private async installable(pluginId: string, version: string): Promise<PluginManifest> {
    const status = await this.registry.status(pluginId, version);
    if (!status) throw notFound(`${pluginId}@${version} is not in the registry.`);
    if (status.status !== 'approved')
      throw new HttpError(409, 'not_approved', `${pluginId}@${version} is not approved.`);
    if (!semver.satisfies(PLATFORM_VERSION, status.enginesPlatform)) {
      throw new HttpError(
        409,
        'incompatible',
        `${pluginId}@${version} needs platform ${status.enginesPlatform}.`,
      );
    }
    return this.registry.manifest(pluginId, version);
  }

  async install(
    actor: Who,
    communityId: string,
    input: {
      pluginId: string;
      version?: string;
      config?: Record<string, unknown>;
      acceptPermissions?: string[];
    },
  ): Promise<InstallationView> {
    await this.activeCommunity(communityId);
    const version =
      input.version ?? (await this.registry.latestCompatible(SYSTEM_ACTOR, input.pluginId)).version;
    const doc = await this.add(actor, communityId, { ...input, version });
    await this.communities.touchRuntime(communityId);
    return this.view(doc, false);
  }

  /**
   * Installs every approved standard plugin the community lacks (new communities, seeds). Done
   * as the system: the platform approved standard plugins and their permissions for everyone.
   * One community read and one runtime change for all of them: a new community pays for its
   * standard plugins once, not once per plugin.
   */
  async ensureStandard(communityId: string): Promise<void> {
    await this.activeCommunity(communityId);
    const added: InstallationDoc[] = [];
    for (const { pluginId, version } of await this.registry.approvedStandardPlugins()) {
      try {
        added.push(await this.add('system', communityId, { pluginId, version }));
      } catch (err) {
        if ((err as HttpError).code !== 'already_installed') throw err;
      }
    }
    if (!added.length) return;
    await this.communities.touchRuntime(communityId);
    // The community was created a moment ago in this process (`community.created`): what was
    // just written is what every reader would load, so it is cached now rather than read back.
    for (const doc of added) this.cache.set(communityId, doc.pluginId, this.shared(doc));
  }

  private async activeCommunity(communityId: string): Promise<void> {
    const community = await this.communities.get(communityId);
    if (community.status !== 'active')
      throw new HttpError(409, 'archived', 'The community is archived.');
  }

  /** Stores one installation (the unique `_id` refuses a second), its records' indexes, audit. */
  private async add(
    actor: Who,
    communityId: string,
    input: {
      pluginId: string;
      version: string;
      config?: Record<string, unknown>;
      acceptPermissions?: string[];
    },
  ): Promise<InstallationDoc> {
    const { pluginId, version } = input;
    const manifest = await this.installable(pluginId, version);
    const permissions = manifest.permissions.map((p) => p.scope);
    checkConsent(permissions, input.acceptPermissions, actor);
    const config = { ...configDefaults(manifest.config), ...input.config };
    checkConfig(manifest, config);
    const now = new Date();
    const doc: InstallationDoc = {
      _id: `${communityId}:${pluginId}`,
      communityId,
      pluginId,
      version,
      status: 'active',
      pinned: false,
      configJson: JSON.stringify(config),
      grantedPermissions: permissions,
      installedBy: who(actor).accountId,
      installedAt: now,
      updatedAt: now,
      hasSchedules: hasSchedules(manifest),
    };
    try {
      await this.models.Installation.create(doc);
    } catch (err) {
      if (isDuplicateKey(err))
        throw new HttpError(409, 'already_installed', `${pluginId} is already installed here.`);
      throw err;
    }
    await this.lifecycle.installed({ communityId, pluginId, version, manifest });
    await this.audit.record(who(actor), {
      action: 'installation.install',
      target: { type: 'installation', id: doc._id },
      communityId,
      summary: { pluginId, version, permissions },
    });
    return doc;
  }

  async upgradeReport(communityId: string, pluginId: string, to: string): Promise<UpgradeReport> {
    const current = await this.doc(communityId, pluginId);
    if (!semver.gt(to, current.version))
      throw new HttpError(409, 'not_newer', `${to} is not newer than ${current.version}.`);
    const [prev, next] = await Promise.all([
      this.registry.manifest(pluginId, current.version),
      this.installable(pluginId, to),
    ]);
    const used = (await this.portalUsage(communityId)).get(pluginId) ?? new Set<string>();
    return upgradeReport(current, prev, next, used);
  }

  async upgrade(
    actor: Actor,
    communityId: string,
    pluginId: string,
    input: { version: string; acceptPermissions?: string[]; acceptBreaking?: boolean },
  ): Promise<InstallationView & { report: UpgradeReport }> {
    const current = await this.doc(communityId, pluginId);
    if (current.pinned)
      throw new HttpError(
        409,
        'pinned',
        `${pluginId} is pinned at ${current.version}; unpin it first.`,
      );
    if (current.status === 'uninstalling')
      throw new HttpError(409, 'uninstalling', `${pluginId} is being uninstalled.`);
    const report = await this.upgradeReport(communityId, pluginId, input.version);
    if (report.breaking && !input.acceptBreaking) {
      throw new HttpError(
        409,
        'breaking_upgrade',
        'This upgrade has breaking changes; confirm with acceptBreaking.',
        report,
      );
    }
    checkConsent(report.newPermissions, input.acceptPermissions, actor);
    if (report.missingViews.length)
      throw new HttpError(
        409,
        'views_in_use',
        'The live portal uses views the new version removes.',
        report,
      );
    if (report.configProblems.length)
      throw new HttpError(
        409,
        'config_incompatible',
        'The current configuration does not fit the new version.',
        report,
      );
    const [prev, next] = await Promise.all([
      this.registry.manifest(pluginId, current.version),
      this.registry.manifest(pluginId, input.version),
    ]);
    const res = await this.models.Installation.updateOne(
      { _id: current._id, version: current.version },
      {
        $set: {
          version: input.version,
          grantedPermissions: next.permissions.map((p) => p.scope),
          hasSchedules: hasSchedules(next),
          updatedAt: new Date(),
        },
      },
    );
    if (res.matchedCount === 0)
      throw new HttpError(409, 'conflict', 'The installation changed meanwhile; reload and retry.');
    await this.lifecycle.installed({
      communityId,
      pluginId,
      version: input.version,
      manifest: next,
      previous: { version: current.version, manifest: prev },
    });
    await this.communities.touchRuntime(communityId);
    await this.audit.record(actor, {
      action: 'installation.upgrade',
      target: { type: 'installation', id: current._id },
      communityId,
      summary: {
        before: { version: current.version },
        after: { version: input.version },
        breaking: report.breaking,
        newPermissions: report.newPermissions,
      },
    });
    return { ...(await this.get(communityId, pluginId, false)), report };
  }

  async update(
    actor: Actor,
    communityId: string,
    pluginId: string,
    patch: { config?: Record<string, unknown>; pinned?: boolean; enabled?: boolean },
  ): Promise<InstallationView> {
    const current = await this.doc(communityId, pluginId);
    if (current.status === 'uninstalling')
      throw new HttpError(409, 'uninstalling', `${pluginId} is being uninstalled.`);
    const set: Partial<InstallationDoc> = { updatedAt: new Date() };
    if (patch.config) {
      checkConfig(await this.registry.manifest(pluginId, current.version), patch.config);
      set.configJson = JSON.stringify(patch.config);
    }
    if (patch.pinned !== undefined) set.pinned = patch.pinned;
    if (patch.enabled !== undefined) set.status = patch.enabled ? 'active' : 'disabled';
    await this.models.Installation.updateOne({ _id: current._id }, { $set: set });
    await this.communities.touchRuntime(communityId);
    await this.audit.record(actor, {
      action: 'installation.update',
      target: { type: 'installation', id: current._id },
      communityId,
      summary: {
        fields: Object.keys(patch).sort(),
        ...(patch.enabled !== undefined
          ? { before: { status: current.status }, after: { status: set.status } }
          : {}),
      },
    });
    return this.get(communityId, pluginId, false);
  }

  async uninstall(actor: Actor, communityId: string, pluginId: string): Promise<void> {
    const current = await this.doc(communityId, pluginId);
    const manifest = await this.registry.manifest(pluginId, current.version);
    if (manifest.tier === 'standard') {
      throw new HttpError(
        409,
        'standard_plugin',
        'Standard plugins stay installed; disable it instead.',
      );
    }
    if ((await this.portalUsage(communityId)).has(pluginId)) {
      throw new HttpError(
        409,
        'in_use',
        'The live portal uses this plugin; publish a portal without it first.',
      );
    }
    await this.models.Installation.updateOne(
      { _id: current._id },
      { $set: { status: 'uninstalling', updatedAt: new Date() } },
    );
    await this.communities.touchRuntime(communityId);
    const policy = manifest.lifecycle?.onUninstall ?? 'export-then-delete';
    await this.lifecycle.uninstalling({
      communityId,
      pluginId,
      version: current.version,
      manifest,
      policy,
    });
    await this.models.Installation.deleteOne({ _id: current._id });
    // Gone, not uninstalling: the cached copies (lists included) are dropped everywhere.
    await this.communities.touchRuntime(communityId);
    await this.audit.record(actor, {
      action: 'installation.uninstall',
      target: { type: 'installation', id: current._id },
      communityId,
      summary: { version: current.version, policy },
    });
  }
}

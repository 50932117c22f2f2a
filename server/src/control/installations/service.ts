import { diffPlugins, getConfigValidator, type PluginManifest } from '@scene/schema';
import semver from 'semver';
import type { Actor } from '../auth/actor';
import type { AuditService } from '../audit/service';
import type { CommunityService } from '../communities/service';
import { isDuplicateKey } from '../../db/claims';
import { HttpError, notFound } from '../../http/errors';
import { issueDetails, type RegistryService } from '../registry/service';
import { PLATFORM_VERSION } from '../../version';
import { configDefaults } from './defaults';
import { hasSchedules, scheduleStates } from './schedules';
import type { CommunityModels } from '../communities/model';
import type { PortalModels } from '../portals/model';
import { livePortalUsage } from '../portals/usage';
import type { InstallationLifecycle } from './lifecycle';
import type { InstallationDoc, InstallationModels } from './model';

type Who = Actor | 'system';
const SYSTEM = { accountId: 'system', platformRoles: [] as string[] };
const who = (w: Who) => (w === 'system' ? SYSTEM : w);

export interface InstallationView {
  pluginId: string;
  version: string;
  status: InstallationDoc['status'];
  pinned: boolean;
  config: Record<string, unknown>;
  grantedPermissions: string[];
  installedAt: string;
  updatedAt: string;
  /** Whether each schedule of the plugin runs here (operator's switch, else the plugin's default). */
  schedules: Record<string, boolean>;
  manifest?: PluginManifest;
}

export interface UpgradeReport {
  pluginId: string;
  from: string;
  to: string;
  breaking: boolean;
  changes: ReturnType<typeof diffPlugins>['changes'];
  /** Scopes the new version asks for that were not granted: the operator must consent. */
  newPermissions: string[];
  /** Views the live portal places that the new version no longer has. */
  missingViews: string[];
  /** Config keys of the current config that the new version rejects. */
  configProblems: ReturnType<typeof issueDetails>;
}

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
  ) {}

  private portalUsage(communityId: string) {
    return livePortalUsage(this.models, communityId);
  }

  async list(communityId: string, withManifest: boolean): Promise<InstallationView[]> {
    const docs = await this.models.Installation.find({ communityId }).sort({ pluginId: 1 }).lean();
    return Promise.all(docs.map((d) => this.view(d, withManifest)));
  }

  async get(communityId: string, pluginId: string, withManifest = true): Promise<InstallationView> {
    return this.view(await this.doc(communityId, pluginId), withManifest);
  }

  /** Active installations with their manifests (for portals and the runtime bundle). */
  async installedManifests(
    communityId: string,
  ): Promise<Map<string, { doc: InstallationDoc; manifest: PluginManifest }>> {
    const docs = await this.models.Installation.find({
      communityId,
      status: { $in: ['active', 'disabled'] },
    }).lean();
    const out = new Map<string, { doc: InstallationDoc; manifest: PluginManifest }>();
    for (const d of docs)
      out.set(d.pluginId, {
        doc: d,
        manifest: await this.registry.manifest(d.pluginId, d.version),
      });
    return out;
  }

  private async doc(communityId: string, pluginId: string): Promise<InstallationDoc> {
    const d = await this.models.Installation.findById(`${communityId}:${pluginId}`).lean();
    if (!d) throw notFound(`${pluginId} is not installed here.`);
    return d;
  }

  private async view(d: InstallationDoc, withManifest: boolean): Promise<InstallationView> {
    // Versions are immutable, so the registry keeps parsed manifests: no read per installation.
    const manifest = await this.registry.manifest(d.pluginId, d.version);
    return {
      pluginId: d.pluginId,
      version: d.version,
      status: d.status,
      pinned: d.pinned,
      config: JSON.parse(d.configJson) as Record<string, unknown>,
      grantedPermissions: d.grantedPermissions,
      installedAt: d.installedAt.toISOString(),
      updatedAt: d.updatedAt.toISOString(),
      schedules: scheduleStates(manifest, d.schedules),
      ...(withManifest ? { manifest } : {}),
    };
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

  private checkConfig(manifest: PluginManifest, config: Record<string, unknown>): void {
    const r = getConfigValidator(manifest)(config);
    if (!r.ok)
      throw new HttpError(
        400,
        'validation_failed',
        'The configuration does not match the plugin.',
        issueDetails(r.errors, '/config'),
      );
  }

  private checkConsent(required: string[], accepted: string[] | undefined, actor: Who): void {
    if (actor === 'system') return; // standard plugins are approved for every community
    const missing = required.filter((p) => !(accepted ?? []).includes(p));
    if (missing.length) {
      throw new HttpError(400, 'consent_required', 'Accept the permissions the plugin asks for.', {
        missing,
      });
    }
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
    const community = await this.communities.get(communityId);
    if (community.status !== 'active')
      throw new HttpError(409, 'archived', 'The community is archived.');
    const version =
      input.version ??
      (
        await this.registry.latestCompatible(
          {
            accountId: 'system',
            username: 'system',
            displayName: 'system',
            platformRoles: ['admin'],
          },
          input.pluginId,
        )
      ).version;
    const manifest = await this.installable(input.pluginId, version);
    const permissions = manifest.permissions.map((p) => p.scope);
    this.checkConsent(permissions, input.acceptPermissions, actor);
    const config = { ...configDefaults(manifest.config), ...input.config };
    this.checkConfig(manifest, config);
    const now = new Date();
    const doc: InstallationDoc = {
      _id: `${communityId}:${input.pluginId}`,
      communityId,
      pluginId: input.pluginId,
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
        throw new HttpError(
          409,
          'already_installed',
          `${input.pluginId} is already installed here.`,
        );
      throw err;
    }
    await this.lifecycle.installed({ communityId, pluginId: doc.pluginId, version, manifest });
    await this.communities.touchRuntime(communityId);
    await this.audit.record(who(actor), {
      action: 'installation.install',
      target: { type: 'installation', id: doc._id },
      communityId,
      summary: { pluginId: doc.pluginId, version, permissions },
    });
    return this.view(doc, false);
  }

  /**
   * Installs every approved standard plugin the community lacks (new communities, seeds). Done
   * as the system: the platform approved standard plugins and their permissions for everyone.
   */
  async ensureStandard(communityId: string): Promise<void> {
    for (const { pluginId, version } of await this.registry.approvedStandardPlugins()) {
      const exists = await this.models.Installation.exists({ _id: `${communityId}:${pluginId}` });
      if (exists) continue;
      await this.install('system', communityId, {
        pluginId,
        version,
      }).catch((err: unknown) => {
        if ((err as HttpError).code !== 'already_installed') throw err;
      });
    }
  }

  async upgradeReport(communityId: string, pluginId: string, to: string): Promise<UpgradeReport> {
    const current = await this.doc(communityId, pluginId);
    if (!semver.gt(to, current.version))
      throw new HttpError(409, 'not_newer', `${to} is not newer than ${current.version}.`);
    const [prev, next] = await Promise.all([
      this.registry.manifest(pluginId, current.version),
      this.installable(pluginId, to),
    ]);
    const diff = diffPlugins(prev, next);
    const used = (await this.portalUsage(communityId)).get(pluginId) ?? new Set<string>();
    const config = getConfigValidator(next)(JSON.parse(current.configJson));
    return {
      pluginId,
      from: current.version,
      to,
      breaking: diff.breaking,
      changes: diff.changes,
      newPermissions: next.permissions
        .map((p) => p.scope)
        .filter((p) => !current.grantedPermissions.includes(p)),
      missingViews: [...used].filter((v) => !next.views.some((nv) => nv.id === v)),
      configProblems: config.ok ? [] : issueDetails(config.errors, '/config'),
    };
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
    this.checkConsent(report.newPermissions, input.acceptPermissions, actor);
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
      this.checkConfig(await this.registry.manifest(pluginId, current.version), patch.config);
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
    await this.audit.record(actor, {
      action: 'installation.uninstall',
      target: { type: 'installation', id: current._id },
      communityId,
      summary: { version: current.version, policy },
    });
  }
}

import type { PluginManifest, ScheduleDef } from '@scene/schema';
import type { Actor } from '../auth/actor';
import type { AuditService } from '../audit/service';
import type { DomainEvents } from '../../events';
import type { CommunityService } from '../communities/service';
import { HttpError, notFound } from '../../http/errors';
import type { RegistryService } from '../registry/service';
import type { InstallationDoc, InstallationModels } from './model';

/** Whether each of a plugin's schedules runs here: the operator's switch, else `enabledByDefault`. */
export function scheduleStates(
  manifest: PluginManifest,
  switches: InstallationDoc['schedules'],
): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const [id, def] of Object.entries(manifest.schedules ?? {}))
    out[id] = switches?.[id]?.on ?? def.enabledByDefault === true;
  return out;
}

export const hasSchedules = (m: PluginManifest) => Object.keys(m.schedules ?? {}).length > 0;

/** An active installation with schedules switched on, as the schedule runner needs it. */
export interface ScheduledInstallation {
  communityId: string;
  pluginId: string;
  version: string;
  manifest: PluginManifest;
  config: Record<string, unknown>;
  timeZone: string;
  /** The schedules switched on, each with the time from which its occurrences count. */
  schedules: { id: string; def: ScheduleDef; since: Date }[];
}

/**
 * Schedules per installation: the operator switches each on or off (the plugin's
 * `enabledByDefault` until then), and the runner asks which installations have some switched on.
 */
export class ScheduleSwitches {
  constructor(
    private readonly models: InstallationModels,
    private readonly registry: Pick<RegistryService, 'manifest'>,
    private readonly communities: Pick<CommunityService, 'timeZone'>,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async set(
    actor: Actor,
    communityId: string,
    pluginId: string,
    scheduleId: string,
    on: boolean,
  ): Promise<void> {
    const doc = await this.models.Installation.findById(`${communityId}:${pluginId}`).lean();
    if (!doc) throw notFound(`${pluginId} is not installed here.`);
    if (doc.status === 'uninstalling')
      throw new HttpError(409, 'uninstalling', `${pluginId} is being uninstalled.`);
    const manifest = await this.registry.manifest(pluginId, doc.version);
    if (!Object.prototype.hasOwnProperty.call(manifest.schedules ?? {}, scheduleId))
      throw notFound(`${pluginId}@${doc.version} has no schedule "${scheduleId}".`);
    const before = scheduleStates(manifest, doc.schedules)[scheduleId];
    await this.models.Installation.updateOne(
      { _id: doc._id },
      { $set: { [`schedules.${scheduleId}`]: { on, at: new Date() }, updatedAt: new Date() } },
    );
    await this.events.emit('schedules.changed', { communityId });
    await this.audit.record(actor, {
      action: 'installation.schedule',
      target: { type: 'installation', id: doc._id },
      communityId,
      summary: { schedule: scheduleId, before: { on: before }, after: { on } },
    });
  }

  /**
   * Every active installation with at least one schedule switched on. Reads only installations
   * marked `hasSchedules` (set on install and upgrade), never every community's.
   */
  async targets(): Promise<ScheduledInstallation[]> {
    const docs = await this.models.Installation.find({
      hasSchedules: true,
      status: 'active',
    }).lean();
    const out: ScheduledInstallation[] = [];
    for (const d of docs) {
      const manifest = await this.registry.manifest(d.pluginId, d.version);
      const states = scheduleStates(manifest, d.schedules);
      const schedules = Object.entries(manifest.schedules ?? {})
        .filter(([id]) => states[id])
        .map(([id, def]) => ({ id, def, since: d.schedules?.[id]?.at ?? d.installedAt }));
      if (!schedules.length) continue;
      out.push({
        communityId: d.communityId,
        pluginId: d.pluginId,
        version: d.version,
        manifest,
        config: JSON.parse(d.configJson) as Record<string, unknown>,
        timeZone: await this.communities.timeZone(d.communityId),
        schedules,
      });
    }
    return out;
  }
}

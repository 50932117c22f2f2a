import semver from 'semver';
import type { Change, ChangeFeed } from '../../events/feed';
import { PLATFORM_VERSION } from '../../version';
import type { RegistryModels } from './model';

export interface StandardVersion {
  pluginId: string;
  version: string;
}

/**
 * What the registry has approved, as every community reads it: the newest approved version of
 * each standard plugin this platform runs (what every new community gets and every portal check
 * reads), and the ids of every plugin with an approved version (the only plugins a community
 * can have installed, so its installations are read by `_id`). Listing either reads every plugin
 * version on the local database (which filters on nothing but `_id`). So both are kept until a
 * review, in this process or another (the change feed), changes which versions are approved.
 */
export class StandardVersions {
  private readonly standard: Kept<StandardVersion>;
  private readonly ids: Kept<string>;

  constructor(
    private readonly models: RegistryModels,
    private readonly feed: ChangeFeed,
  ) {
    this.standard = new Kept(
      feed,
      (c) => c.standard !== false,
      () => this.loadStandard(),
    );
    this.ids = new Kept(
      feed,
      () => true,
      () => this.loadIds(),
    );
  }

  list(): Promise<StandardVersion[]> {
    return this.standard.list();
  }

  /** Sorted. */
  pluginIds(): Promise<string[]> {
    return this.ids.list();
  }

  /** A review changed what is approved (of a standard plugin or not): call after the write. */
  async changed(standard: boolean): Promise<void> {
    if (standard) this.standard.forget();
    this.ids.forget();
    await this.feed.append({
      reason: 'registry.changed',
      ...(standard ? {} : { standard: false }),
    });
  }

  private async loadStandard(): Promise<StandardVersion[]> {
    const docs = await this.models.PluginVersion.find(
      { tier: 'standard', status: 'approved' },
      { pluginId: 1, version: 1, enginesPlatform: 1 },
    ).lean();
    const best = new Map<string, string>();
    for (const d of docs) {
      if (!semver.satisfies(PLATFORM_VERSION, d.enginesPlatform)) continue;
      const cur = best.get(d.pluginId);
      if (!cur || semver.gt(d.version, cur)) best.set(d.pluginId, d.version);
    }
    return [...best].map(([pluginId, version]) => ({ pluginId, version }));
  }

  private async loadIds(): Promise<string[]> {
    const docs = await this.models.PluginVersion.find(
      { status: 'approved' },
      { pluginId: 1 },
    ).lean();
    return [...new Set(docs.map((d) => d.pluginId))].sort();
  }
}

/** A list read once and kept until the change feed says the registry changed in a way it `minds`. */
class Kept<T> {
  private kept: Promise<T[]> | undefined;

  constructor(
    private readonly feed: ChangeFeed,
    minds: (change: Extract<Change, { reason: 'registry.changed' }>) => boolean,
    private readonly load: () => Promise<T[]>,
  ) {
    feed.onChange((change) => {
      if (!change || (change.reason === 'registry.changed' && minds(change))) this.kept = undefined;
    });
  }

  async list(): Promise<T[]> {
    const wait = this.feed.synced();
    if (wait) await wait;
    const loading = (this.kept ??= this.load());
    // A failed read is not kept: the next call reads again.
    loading.catch(() => {
      if (this.kept === loading) this.kept = undefined;
    });
    return [...(await loading)];
  }

  forget(): void {
    this.kept = undefined;
  }
}

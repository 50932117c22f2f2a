import semver from 'semver';
import type { ChangeFeed } from '../../events/feed';
import { PLATFORM_VERSION } from '../../version';
import type { RegistryModels } from './model';

export interface StandardVersion {
  pluginId: string;
  version: string;
}

/**
 * The newest approved version of each standard plugin that this platform runs: what every new
 * community gets and every portal check reads. Listing them reads every plugin version, manifest
 * and all, on the local database (which filters on nothing but `_id`), and a community's create,
 * draft save and publish each asked once. So the list is kept until a review, in this process or
 * another (the change feed), changes which versions are approved.
 */
export class StandardVersions {
  private kept: Promise<StandardVersion[]> | undefined;

  constructor(
    private readonly models: RegistryModels,
    private readonly feed: ChangeFeed,
  ) {
    feed.onChange((change) => {
      if (!change || change.reason === 'registry.changed') this.kept = undefined;
    });
  }

  async list(): Promise<StandardVersion[]> {
    const wait = this.feed.synced();
    if (wait) await wait;
    const loading = (this.kept ??= this.load());
    // A failed read is not kept: the next call reads again.
    loading.catch(() => {
      if (this.kept === loading) this.kept = undefined;
    });
    return [...(await loading)];
  }

  /** A standard version's review changed what is approved: call after the write. */
  async changed(): Promise<void> {
    this.kept = undefined;
    await this.feed.append({ reason: 'registry.changed' });
  }

  private async load(): Promise<StandardVersion[]> {
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
}

import { DEFAULT_TIME_ZONE } from '@scene/schema';
import type { ChangeFeed } from '../../events/feed';
import type { Models } from '../models';

/** An active community as region views see it: where it hangs, its name, portal and zone. */
export interface PlacedCommunity {
  id: string;
  name: string;
  published: boolean;
  timeZone: string;
  /** The region nodes above it, root first (empty while it is not placed). */
  path: string[];
}

/**
 * Every active community's place, name, published flag and zone, kept per process. A region
 * dashboard needs the communities under its node on every read; asked of the database, that is
 * a read of every placement and every community of the province (on the local database both
 * decode the whole collection: 0.45 s at 1,300 communities, most of a province dashboard's read).
 *
 * A change to one community (a rename, a publish or rollback, archiving, a new place: the change
 * feed's community entries, which every process follows) marks it, and the next read re-reads
 * that one by `_id`. `forget()` without an id drops everything (a feed that fell too far behind).
 */
export class RegionDirectory {
  private entries: Map<string, PlacedCommunity> | null = null;
  private loading: Promise<Map<string, PlacedCommunity>> | null = null;
  private readonly dirty = new Set<string>();
  /** Bumped by a full `forget()`: a load begun before it is not kept. */
  private generation = 0;

  constructor(
    private readonly models: Models,
    private readonly feed: ChangeFeed,
  ) {}

  forget(communityId?: string): void {
    if (communityId) {
      this.dirty.add(communityId);
      return;
    }
    this.generation++;
    this.entries = null;
    this.loading = null;
    this.dirty.clear();
  }

  /** The active communities placed at or under a node, by id. */
  async under(nodeId: string): Promise<PlacedCommunity[]> {
    return (await this.all()).filter((c) => c.path.includes(nodeId));
  }

  /** Every active community, placed or not, by id. */
  async all(): Promise<PlacedCommunity[]> {
    // Caught up with other processes' changes first (no wait while polls are on time).
    const wait = this.feed.synced();
    if (wait) await wait;
    return [...(await this.current()).values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  private async current(): Promise<Map<string, PlacedCommunity>> {
    let all = this.entries;
    if (!all) {
      const generation = this.generation;
      // Marks made while loading are re-read after it: the load may have read before them.
      this.loading ??= this.load();
      all = await this.loading;
      if (generation === this.generation) {
        this.entries = all;
        this.loading = null;
      }
    }
    if (this.dirty.size) {
      const ids = [...this.dirty];
      this.dirty.clear();
      await Promise.all(ids.map((id) => this.reread(all, id)));
    }
    return all;
  }

  private async load(): Promise<Map<string, PlacedCommunity>> {
    const [placements, communities] = await Promise.all([
      this.models.RegionPlacement.find({}, { path: 1 }).lean(),
      this.models.Community.find(
        { status: 'active' },
        { name: 1, publishedVersion: 1, timeZone: 1 },
      ).lean(),
    ]);
    const pathOf = new Map(placements.map((p) => [p._id, p.path] as const));
    return new Map(
      communities.map((c) => [
        c._id,
        {
          id: c._id,
          name: c.name,
          published: c.publishedVersion !== null,
          timeZone: c.timeZone ?? DEFAULT_TIME_ZONE,
          path: pathOf.get(c._id) ?? [],
        },
      ]),
    );
  }

  private async reread(all: Map<string, PlacedCommunity>, id: string): Promise<void> {
    const [community, placement] = await Promise.all([
      this.models.Community.findById(id, {
        name: 1,
        publishedVersion: 1,
        timeZone: 1,
        status: 1,
      }).lean(),
      this.models.RegionPlacement.findById(id, { path: 1 }).lean(),
    ]);
    if (!community || community.status !== 'active') {
      all.delete(id);
      return;
    }
    all.set(id, {
      id,
      name: community.name,
      published: community.publishedVersion !== null,
      timeZone: community.timeZone ?? DEFAULT_TIME_ZONE,
      path: placement?.path ?? [],
    });
  }
}

import type { Actor } from '../auth/actor';
import type { AuditService } from '../audit/service';
import type { Models } from '../models';
import { conflict, forbidden, notFound, validationFailed } from '../../http/errors';
import { isDuplicateKey } from '../../db/errors';
import type { DomainEvents } from '../../events';
import type { ChangeFeed } from '../../events/feed';
import { RegionDirectory } from './directory';
import { REGION_LEVELS, type RegionDoc, type RegionLevel } from './model';

/** A count over fewer people than this is shown as suppressed (as community aggregates do). */
export const MIN_GROUP_SIZE = 5;

export interface RegionView {
  id: string;
  name: string;
  level: RegionLevel;
  parentId: string | null;
  path: string[];
}

/** A head count that is `null` when it covers fewer than `MIN_GROUP_SIZE` people. */
type Count = number | null;

export interface RegionOverview {
  region: RegionView;
  /** The nodes from the root down to this one, for a breadcrumb (names only). */
  trail: { id: string; name: string; level: RegionLevel }[];
  communities: number;
  byType: { 'new-build': number; renovation: number };
  published: number;
  residents: Count;
  children: {
    id: string;
    name: string;
    level: RegionLevel;
    communities: number;
    residents: Count;
  }[];
  /** The communities under the node: figures only, never a person or a record. */
  list: {
    id: string;
    name: string;
    streetId: string;
    type: 'new-build' | 'renovation';
    published: boolean;
    residents: Count;
  }[];
}

/** A node and its active communities (by id), for the region dashboard. */
export type RegionMembers = Pick<
  RegionOverview,
  'region' | 'trail' | 'communities' | 'published'
> & {
  list: { id: string; name: string; published: boolean; timeZone: string }[];
};

export interface SupervisorView {
  accountId: string;
  username: string;
  displayName: string;
  regionId: string;
}

const view = (d: RegionDoc): RegionView => ({
  id: d._id,
  name: d.name,
  level: d.level,
  parentId: d.parentId,
  path: d.path,
});

const suppress = (n: number): Count => (n < MIN_GROUP_SIZE ? null : n);

/**
 * Hides the head counts of rows whose total is shown. A row under the minimum is hidden; then,
 * while the hidden rows together count fewer people than the minimum (the total minus the
 * visible rows would give them away), the smallest visible row is hidden too.
 */
export function suppressRows<R extends { people: number }>(
  rows: R[],
): (Omit<R, 'people'> & { residents: Count })[] {
  const hidden = new Set(rows.filter((r) => r.people < MIN_GROUP_SIZE));
  const hiddenSum = () => [...hidden].reduce((n, r) => n + r.people, 0);
  const visible = rows.filter((r) => !hidden.has(r)).sort((a, b) => a.people - b.people);
  while (hidden.size && hiddenSum() > 0 && hiddenSum() < MIN_GROUP_SIZE && visible.length)
    hidden.add(visible.shift()!);
  return rows.map((r) => {
    const { people, ...rest } = r;
    return { ...rest, residents: hidden.has(r) ? null : people };
  });
}

/**
 * The region tree (province → city → district → street), where communities hang, and the
 * supervisors scoped to one node. Admins change it; a supervisor reads aggregates of the
 * communities under their node and nothing else (no records, no people).
 */
export class RegionService {
  constructor(
    private readonly models: Models,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    feed: ChangeFeed,
  ) {
    this.directory = new RegionDirectory(models, feed);
  }

  /** Where every community hangs, kept per process (services.ts tells it what changed). */
  readonly directory: RegionDirectory;

  async create(
    input: { id: string; name: string; level: RegionLevel; parentId?: string },
    actor: Actor,
  ): Promise<RegionView> {
    const depth = REGION_LEVELS.indexOf(input.level);
    let path = [input.id];
    if (depth === 0) {
      if (input.parentId) throw validationFailed('A province has no parent.');
    } else {
      const parent = input.parentId
        ? await this.models.Region.findById(input.parentId).lean()
        : null;
      if (!parent) throw validationFailed(`A ${input.level} needs an existing parent region.`);
      if (parent.level !== REGION_LEVELS[depth - 1])
        throw validationFailed(`A ${input.level} hangs under a ${REGION_LEVELS[depth - 1]}.`, {
          parentLevel: parent.level,
        });
      path = [...parent.path, input.id];
    }
    const now = new Date();
    const doc: RegionDoc = {
      _id: input.id,
      name: input.name,
      level: input.level,
      parentId: depth === 0 ? null : (input.parentId ?? null),
      path,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.models.Region.create(doc);
    } catch (err) {
      if (isDuplicateKey(err)) throw conflict('A region with this id exists.');
      throw err;
    }
    await this.audit.record(actor, {
      action: 'region.create',
      target: { type: 'region', id: doc._id },
      summary: { level: doc.level, parentId: doc.parentId },
    });
    return view(doc);
  }

  async rename(id: string, name: string, actor: Actor): Promise<RegionView> {
    const updatedAt = new Date();
    const was = await this.models.Region.findOneAndUpdate(
      { _id: id },
      { $set: { name, updatedAt } },
      { new: false },
    ).lean();
    if (!was) throw notFound('No such region.');
    // A region's name is no personal data: the log keeps both, so the sentence reads after a later rename.
    await this.audit.record(actor, {
      action: 'region.rename',
      target: { type: 'region', id },
      summary: { before: { name: was.name }, after: { name } },
    });
    return view({ ...was, name, updatedAt });
  }

  /** Only an empty node goes: no child region and no community under it. */
  async remove(id: string, actor: Actor): Promise<void> {
    const doc = await this.models.Region.findById(id).lean();
    if (!doc) throw notFound('No such region.');
    const [children, placed, supervisors] = await Promise.all([
      this.models.Region.countDocuments({ parentId: id }),
      this.models.RegionPlacement.countDocuments({ path: id }),
      this.models.Supervisor.countDocuments({ regionId: id }),
    ]);
    if (children || placed || supervisors)
      throw conflict('Only an empty region can be removed.', { children, placed, supervisors });
    await this.models.Region.deleteOne({ _id: id });
    // Its name is kept in the entry: once removed, nothing else can name it.
    await this.audit.record(actor, {
      action: 'region.remove',
      target: { type: 'region', id },
      summary: { name: doc.name },
    });
  }

  /** Puts a community under a street (moving it when it already had a place). */
  async place(streetId: string, communityId: string, actor: Actor): Promise<void> {
    const street = await this.models.Region.findById(streetId).lean();
    if (!street) throw notFound('No such region.');
    if (street.level !== 'street')
      throw validationFailed('Communities hang under a street.', { level: street.level });
    if (!(await this.models.Community.exists({ _id: communityId })))
      throw notFound('No such community.');
    await this.models.RegionPlacement.replaceOne(
      { _id: communityId },
      { _id: communityId, streetId, path: street.path, updatedAt: new Date() },
      { upsert: true },
    );
    // Every process's region directory follows the move (through the change feed).
    await this.events.emit('runtime.changed', { communityId, reason: 'community.changed' });
    await this.audit.record(actor, {
      action: 'region.place',
      target: { type: 'community', id: communityId },
      communityId,
      summary: { streetId },
    });
  }

  async assignSupervisor(regionId: string, accountId: string, actor: Actor): Promise<void> {
    if (!(await this.models.Region.exists({ _id: regionId }))) throw notFound('No such region.');
    const account = await this.models.Account.findById(accountId, { platformRoles: 1 }).lean();
    if (!account) throw notFound('No such account.');
    // A supervisor reads only; an admin or vendor account keeps its own powers, so it is refused.
    if (account.platformRoles.length)
      throw conflict('Accounts with platform roles cannot be supervisors.');
    await this.models.Supervisor.replaceOne(
      { _id: accountId },
      { _id: accountId, regionId, createdAt: new Date() },
      { upsert: true },
    );
    await this.audit.record(actor, {
      action: 'region.supervisor.assign',
      target: { type: 'account', id: accountId },
      summary: { regionId },
    });
  }

  async removeSupervisor(regionId: string, accountId: string, actor: Actor): Promise<void> {
    const res = await this.models.Supervisor.deleteOne({ _id: accountId, regionId });
    if (!res.deletedCount) throw notFound('This account does not supervise this region.');
    await this.audit.record(actor, {
      action: 'region.supervisor.remove',
      target: { type: 'account', id: accountId },
      summary: { regionId },
    });
  }

  async supervisors(regionId: string): Promise<SupervisorView[]> {
    const docs = await this.models.Supervisor.find({ regionId }).lean();
    const accounts = await this.models.Account.find(
      { _id: { $in: docs.map((d) => d._id) } },
      { username: 1, displayName: 1 },
    ).lean();
    return accounts
      .map((a) => ({
        accountId: a._id,
        username: a.username,
        displayName: a.displayName,
        regionId,
      }))
      .sort((a, b) => a.username.localeCompare(b.username));
  }

  /** The node an account supervises, if any. */
  async scopeOf(actor: Actor): Promise<string | null> {
    const doc = await this.models.Supervisor.findById(actor.accountId).lean();
    return doc?.regionId ?? null;
  }

  /** Admins: the whole tree; a supervisor: their node and what is under it. */
  async tree(actor: Actor): Promise<{ scope: string | null; items: RegionView[] }> {
    if (actor.platformRoles.includes('admin')) {
      const docs = await this.models.Region.find().lean();
      return { scope: null, items: sortTree(docs.map(view)) };
    }
    const scope = await this.scopeOf(actor);
    if (!scope) throw forbidden('Only administrators and supervisors see the region tree.');
    const docs = await this.models.Region.find({ path: scope }).lean();
    return { scope, items: sortTree(docs.map(view)) };
  }

  /**
   * Figures of a node for an admin or a supervisor of it or of a node above it. Outside a
   * supervisor's scope the node does not exist for them (404, not 403: ids are not confirmed).
   */
  async overview(regionId: string, actor: Actor): Promise<RegionOverview> {
    const region = await this.readable(regionId, actor);
    const [children, placements] = await Promise.all([
      this.models.Region.find({ parentId: regionId }).lean(),
      this.models.RegionPlacement.find({ path: regionId }).lean(),
    ]);
    const ids = placements.map((p) => p._id);
    const [communities, memberships, trailDocs] = await Promise.all([
      this.models.Community.find(
        { _id: { $in: ids }, status: 'active' },
        { name: 1, type: 1, publishedVersion: 1 },
      ).lean(),
      this.models.Membership.find(
        { communityId: { $in: ids }, role: 'resident' },
        { communityId: 1 },
      ).lean(),
      this.models.Region.find({ _id: { $in: region.path } }, { name: 1, level: 1 }).lean(),
    ]);
    const residentsOf = new Map<string, number>();
    for (const m of memberships)
      residentsOf.set(m.communityId, (residentsOf.get(m.communityId) ?? 0) + 1);
    const streetOf = new Map(placements.map((p) => [p._id, p] as const));
    const active = new Set(communities.map((c) => c._id));
    const sumUnder = (nodeId: string) => {
      let communities = 0;
      let people = 0;
      for (const p of placements) {
        if (!active.has(p._id) || !p.path.includes(nodeId)) continue;
        communities += 1;
        people += residentsOf.get(p._id) ?? 0;
      }
      return { communities, people };
    };
    const total = sumUnder(regionId);
    return {
      region: view(region),
      trail: trailOf(region, trailDocs),
      communities: total.communities,
      byType: {
        'new-build': communities.filter((c) => c.type === 'new-build').length,
        renovation: communities.filter((c) => c.type === 'renovation').length,
      },
      published: communities.filter((c) => c.publishedVersion !== null).length,
      residents: suppress(total.people),
      children: suppressRows(
        children
          .map((c) => ({ id: c._id, name: c.name, level: c.level, ...sumUnder(c._id) }))
          .sort((a, b) => a.id.localeCompare(b.id)),
      ),
      list: suppressRows(
        communities
          .map((c) => ({
            id: c._id,
            name: c.name,
            streetId: streetOf.get(c._id)?.streetId ?? '',
            type: c.type,
            published: c.publishedVersion !== null,
            people: residentsOf.get(c._id) ?? 0,
          }))
          .sort((a, b) => a.id.localeCompare(b.id)),
      ),
    };
  }

  /**
   * The node and the active communities under it, without head counts: what a region dashboard
   * needs. The overview's residents come from every membership of those communities, a read
   * the dashboard has no use for; each community's zone comes along (the dashboard's calendar).
   */
  async members(regionId: string, actor: Actor): Promise<RegionMembers> {
    const region = await this.readable(regionId, actor);
    const [placed, trailDocs] = await Promise.all([
      this.directory.under(regionId),
      this.models.Region.find({ _id: { $in: region.path } }, { name: 1, level: 1 }).lean(),
    ]);
    const list = placed.map(({ path: _path, ...c }) => c);
    return {
      region: view(region),
      trail: trailOf(region, trailDocs),
      communities: list.length,
      published: list.filter((c) => c.published).length,
      list,
    };
  }

  /** The node, when the actor may read it (admin, or a supervisor at or above it). */
  async readable(regionId: string, actor: Actor): Promise<RegionDoc> {
    const isAdmin = actor.platformRoles.includes('admin');
    const scope = isAdmin ? null : await this.scopeOf(actor);
    if (!isAdmin && !scope)
      throw forbidden('Only administrators and supervisors see region figures.');
    const doc = await this.models.Region.findById(regionId).lean();
    if (!doc || (scope && !doc.path.includes(scope))) throw notFound('No such region.');
    return doc;
  }
}

/** Depth first, siblings by id: the order a tree view draws. */
function sortTree(nodes: RegionView[]): RegionView[] {
  return nodes.sort((a, b) => a.path.join('\u0000').localeCompare(b.path.join('\u0000')));
}

/** The nodes from the root down to `region`, named, from a read of its path's nodes. */
function trailOf(
  region: RegionDoc,
  docs: { _id: string; name: string; level: RegionLevel }[],
): RegionOverview['trail'] {
  const byId = new Map(docs.map((d) => [d._id, d] as const));
  return region.path.flatMap((id) => {
    const d = byId.get(id);
    return d ? [{ id, name: d.name, level: d.level }] : [];
  });
}

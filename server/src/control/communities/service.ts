import { isDuplicateKey } from '../../db/claims';
import { SYSTEM_ACTOR, type Actor } from '../auth/actor';
import type { AuditService } from '../audit/service';
import type { AuthModels } from '../auth/model';
import { membershipsOf } from '../auth/account-communities';
import { byIds } from '../../db/by-ids';
import { DEFAULT_TIME_ZONE, isTimeZone } from '@scene/schema';
import { HttpError, notFound, validationFailed } from '../../http/errors';
import { newId } from '../auth/secrets';
import type { DomainEvents } from '../../events';
import type { CommunityDoc, CommunityModels, CommunityType, ThemeDefaults } from './model';

export interface CommunityInput {
  id: string;
  name: string;
  city: string;
  district: string;
  type: CommunityType;
  enabledScenes?: string[];
  theme?: ThemeDefaults;
  timeZone?: string;
}

export interface CommunityView {
  id: string;
  name: string;
  city: string;
  district: string;
  type: CommunityType;
  enabledScenes: string[];
  theme: ThemeDefaults;
  /** IANA name; `today`, deadlines and schedules are local to it. */
  timeZone: string;
  status: CommunityDoc['status'];
  publishedVersion: number | null;
  publishedAt?: string;
  createdAt: string;
  updatedAt: string;
}

export const DEFAULT_THEME: ThemeDefaults = { primaryColor: '#1f7a5c', fontScale: 'normal' };

/** How long a process trusts a community's time zone it read (another process may change it). */
const ZONE_TTL_MS = 5_000;

export class CommunityService {
  private readonly zones = new Map<string, { zone: string; readAt: number }>();

  constructor(
    private readonly models: CommunityModels & Pick<AuthModels, 'Membership'>,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  /**
   * The community's time zone, read at most every few seconds per process (every action and
   * query needs it). This process forgets it at once when it changes it itself.
   */
  async timeZone(communityId: string): Promise<string> {
    const hit = this.zones.get(communityId);
    if (hit && Date.now() - hit.readAt < ZONE_TTL_MS) return hit.zone;
    const doc = await this.models.Community.findById(communityId, { timeZone: 1 }).lean();
    const zone = doc?.timeZone ?? DEFAULT_TIME_ZONE;
    if (this.zones.size > 10_000) this.zones.clear();
    this.zones.set(communityId, { zone, readAt: Date.now() });
    return zone;
  }

  async create(input: CommunityInput, actor: Actor | 'system'): Promise<CommunityView> {
    checkTimeZone(input.timeZone);
    const now = new Date();
    const doc: CommunityDoc = {
      _id: input.id,
      name: input.name,
      city: input.city,
      district: input.district,
      type: input.type,
      enabledScenes: input.enabledScenes ?? [],
      theme: input.theme ?? DEFAULT_THEME,
      timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
      status: 'active',
      publishedVersion: null,
      highestPublished: 0,
      draftRev: 0,
      runtimeTag: newId(),
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.models.Community.create(doc);
    } catch (err) {
      if (isDuplicateKey(err)) {
        throw new HttpError(409, 'community_exists', `A community with id "${input.id}" exists.`);
      }
      throw err;
    }
    const view = communityView(doc);
    await this.events.emit('community.created', { communityId: view.id, actor });
    await this.audit.record(actor === 'system' ? SYSTEM_ACTOR : actor, {
      action: 'community.create',
      target: { type: 'community', id: doc._id },
      communityId: doc._id,
      summary: { type: doc.type, enabledScenes: doc.enabledScenes },
    });
    return view;
  }

  async get(id: string): Promise<CommunityView> {
    const doc = await this.models.Community.findById(id).lean();
    if (!doc) throw notFound('No such community.');
    return communityView(doc);
  }

  async names(ids: string[]): Promise<Map<string, string>> {
    // One read by `_id` each: `$in` decodes every community of the province locally.
    const docs = await byIds(ids, (id) => this.models.Community.findById(id, { name: 1 }).lean());
    return new Map(docs.map((d) => [d._id, d.name]));
  }

  /** Admins see every community; everyone else the ones they are a member of. */
  async list(
    actor: Actor,
    filter: { city?: string; type?: CommunityType; includeArchived?: boolean; limit: number },
  ): Promise<CommunityView[]> {
    if (!actor.platformRoles.includes('admin')) {
      // A person's few communities, each read by `_id` (any other filter scans the province
      // locally), then filtered here as the query below would.
      const memberships = await membershipsOf(this.models.Membership, actor.accountId);
      const docs = await byIds(
        memberships.map((m) => m.communityId),
        (id) => this.models.Community.findById(id).lean(),
      );
      return docs
        .filter((d) => !filter.city || d.city === filter.city)
        .filter((d) => !filter.type || d.type === filter.type)
        .filter((d) => filter.includeArchived || d.status === 'active')
        .sort((a, b) => (a._id < b._id ? -1 : 1))
        .slice(0, filter.limit)
        .map(communityView);
    }
    const query: Record<string, unknown> = {};
    if (filter.city) query.city = filter.city;
    if (filter.type) query.type = filter.type;
    if (!filter.includeArchived) query.status = 'active';
    const docs = await this.models.Community.find(query)
      .sort({ _id: 1 })
      .limit(filter.limit)
      .lean();
    return docs.map(communityView);
  }

  async update(
    id: string,
    patch: Partial<Omit<CommunityInput, 'id'>>,
    actor: Actor,
  ): Promise<CommunityView> {
    checkTimeZone(patch.timeZone);
    const before = await this.models.Community.findById(id).lean();
    if (!before) throw notFound('No such community.');
    const doc = await this.models.Community.findOneAndUpdate(
      { _id: id },
      // The bundle carries the community's name and place: a new tag makes caches rebuild it.
      { $set: { ...patch, updatedAt: new Date(), runtimeTag: newId() } },
      { returnDocument: 'after' },
    ).lean();
    if (!doc) throw notFound('No such community.');
    this.zones.delete(id);
    await this.events.emit('runtime.changed', { communityId: id, reason: 'community.changed' });
    await this.audit.record(actor, {
      action: 'community.update',
      target: { type: 'community', id },
      communityId: id,
      summary: {
        fields: Object.keys(patch).sort(),
        ...(patch.type ? { before: { type: before.type }, after: { type: patch.type } } : {}),
        ...(patch.timeZone
          ? {
              before: { timeZone: before.timeZone ?? DEFAULT_TIME_ZONE },
              after: { timeZone: patch.timeZone },
            }
          : {}),
      },
    });
    return communityView(doc);
  }

  /** Communities are archived, never deleted: their records and audit trail stay. */
  async archive(id: string, actor: Actor): Promise<void> {
    const res = await this.models.Community.updateOne(
      { _id: id, status: 'active' },
      { $set: { status: 'archived', updatedAt: new Date(), runtimeTag: newId() } },
    );
    if (res.matchedCount === 0) {
      await this.get(id); // 404 when it does not exist
      return; // already archived: idempotent
    }
    await this.events.emit('runtime.changed', { communityId: id, reason: 'community.changed' });
    await this.audit.record(actor, {
      action: 'community.archive',
      target: { type: 'community', id },
      communityId: id,
    });
  }

  /** Marks that the runtime bundle of a community changed (installations, config). */
  async touchRuntime(id: string): Promise<void> {
    await this.models.Community.updateOne({ _id: id }, { $set: { runtimeTag: newId() } });
    await this.events.emit('runtime.changed', { communityId: id, reason: 'installation.changed' });
  }
}

/** A time zone must be one the tz database knows (`Asia/Shanghai`), not an offset. */
function checkTimeZone(zone: string | undefined): void {
  if (zone !== undefined && !isTimeZone(zone))
    throw validationFailed(`"${zone}" is not a time zone name like Asia/Shanghai.`, [
      { pointer: '/body/timeZone', message: 'is not an IANA time zone name' },
    ]);
}

export function communityView(d: CommunityDoc): CommunityView {
  return {
    id: d._id,
    name: d.name,
    city: d.city,
    district: d.district,
    type: d.type,
    enabledScenes: d.enabledScenes,
    theme: d.theme,
    timeZone: d.timeZone ?? DEFAULT_TIME_ZONE,
    status: d.status,
    publishedVersion: d.publishedVersion ?? null,
    ...(d.publishedAt ? { publishedAt: d.publishedAt.toISOString() } : {}),
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

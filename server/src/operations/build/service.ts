import { DEFAULT_TIME_ZONE, localDate } from '@scene/schema';
import type { Actor } from '../../control/auth/actor';
import { membershipId } from '../../control/auth/model';
import { badRequest, forbidden, notFound } from '../../http/errors';
import type { Services } from '../../services';
import { buildPlanModel, type BuildStage, type Milestone } from './model';

export interface BuildPlanView {
  community: { id: string; name: string; timeZone: string };
  stage: BuildStage | null;
  milestones: (Milestone & { late: boolean })[];
  today: string;
  canEdit: boolean;
  updatedAt: string | null;
}

export interface BuildPlanInput {
  stage: BuildStage;
  milestones: Milestone[];
}

export interface RegionBuildView {
  region: Awaited<ReturnType<Services['regions']['overview']>>['region'];
  communities: number;
  stages: Record<BuildStage | 'unset', number>;
  rows: { id: string; name: string; stage: BuildStage | null; late: number }[];
  late: {
    communityId: string;
    community: string;
    key: string;
    milestone: string;
    planned: string;
  }[];
}

/** A milestone not done whose planned day has passed in the community's zone. */
const isLate = (m: Milestone, today: string) => m.done === null && m.planned < today;

/**
 * Build stages (规划 → 建设 → 验收 → 运营) and milestones per community. The admin and the
 * supervisor of the community's district edit them; operators of the community and supervisors
 * of any node above it read them; region views count communities per stage and list late
 * milestones. No record and no person: names of milestones and dates only.
 */
export class BuildService {
  constructor(private readonly services: Services) {}

  private get plans() {
    return buildPlanModel(this.services.dataPlane.connection);
  }

  private now(): Date {
    return this.services.dataPlane.now?.() ?? new Date();
  }

  async get(actor: Actor, communityId: string): Promise<BuildPlanView> {
    const canEdit = await this.access(actor, communityId);
    return this.view(communityId, canEdit);
  }

  async save(actor: Actor, communityId: string, input: BuildPlanInput): Promise<BuildPlanView> {
    if (!(await this.access(actor, communityId)))
      throw forbidden('Only the administrator and the district supervisor edit build stages.');
    const keys = new Set<string>();
    for (const m of input.milestones) {
      if (keys.has(m.key))
        throw badRequest(`Two milestones share the key "${m.key}".`, { code: 'duplicate_key' });
      keys.add(m.key);
      for (const d of [m.planned, m.done])
        if (d !== null && !realDay(d))
          throw badRequest(`"${d}" is not a calendar day.`, { code: 'invalid_date' });
      if (!m.name.trim()) throw badRequest('A milestone needs a name.', { code: 'name_required' });
    }
    await this.plans.replaceOne(
      { _id: communityId },
      {
        _id: communityId,
        stage: input.stage,
        milestones: input.milestones.map((m) => ({ ...m, name: m.name.trim() })),
        updatedAt: this.now(),
        updatedBy: actor.accountId,
      },
      { upsert: true },
    );
    return this.view(communityId, true);
  }

  async region(actor: Actor, regionId: string): Promise<RegionBuildView> {
    const overview = await this.services.regions.overview(regionId, actor);
    const ids = overview.list.map((c) => c.id);
    const [plans, communities] = await Promise.all([
      this.plans.find({ _id: { $in: ids } }).lean(),
      this.services.models.Community.find({ _id: { $in: ids } }, { timeZone: 1 }).lean(),
    ]);
    const planOf = new Map(plans.map((p) => [p._id, p] as const));
    const zoneOf = new Map(communities.map((c) => [c._id, c.timeZone ?? DEFAULT_TIME_ZONE]));
    const stages: RegionBuildView['stages'] = {
      planning: 0,
      building: 0,
      acceptance: 0,
      operating: 0,
      unset: 0,
    };
    const rows: RegionBuildView['rows'] = [];
    const late: RegionBuildView['late'] = [];
    for (const c of overview.list) {
      const plan = planOf.get(c.id);
      const today = localDate(this.now(), zoneOf.get(c.id) ?? DEFAULT_TIME_ZONE);
      stages[plan?.stage ?? 'unset']++;
      const overdue = (plan?.milestones ?? []).filter((m) => isLate(m, today));
      rows.push({ id: c.id, name: c.name, stage: plan?.stage ?? null, late: overdue.length });
      for (const m of overdue)
        late.push({
          communityId: c.id,
          community: c.name,
          key: m.key,
          milestone: m.name,
          planned: m.planned,
        });
    }
    return {
      region: overview.region,
      communities: overview.list.length,
      stages,
      rows,
      late: late.sort(
        (a, b) => a.planned.localeCompare(b.planned) || a.communityId.localeCompare(b.communityId),
      ),
    };
  }

  private async view(communityId: string, canEdit: boolean): Promise<BuildPlanView> {
    const [community, plan] = await Promise.all([
      this.services.models.Community.findById(communityId, { name: 1, timeZone: 1 }).lean(),
      this.plans.findById(communityId).lean(),
    ]);
    if (!community) throw notFound('No such community.');
    const timeZone = community.timeZone ?? DEFAULT_TIME_ZONE;
    const today = localDate(this.now(), timeZone);
    return {
      community: { id: communityId, name: community.name, timeZone },
      stage: plan?.stage ?? null,
      milestones: (plan?.milestones ?? []).map((m) => ({
        key: m.key,
        name: m.name,
        planned: m.planned,
        done: m.done ?? null,
        late: isLate(m, today),
      })),
      today,
      canEdit,
      updatedAt: plan ? plan.updatedAt.toISOString() : null,
    };
  }

  /**
   * Whether the actor may edit (true) or only read (false); refuses everyone else. Admins and
   * the supervisor of the community's district edit; the community's operators and supervisors
   * of other nodes above it read; outside a supervisor's scope the community does not exist.
   */
  private async access(actor: Actor, communityId: string): Promise<boolean> {
    const models = this.services.models;
    if (!(await models.Community.exists({ _id: communityId, status: 'active' })))
      throw notFound('No such community.');
    if (actor.platformRoles.includes('admin')) return true;
    const scope = await this.services.regions.scopeOf(actor);
    if (scope) {
      const [placed, node] = await Promise.all([
        models.RegionPlacement.findById(communityId).lean(),
        models.Region.findById(scope, { level: 1 }).lean(),
      ]);
      if (!placed?.path.includes(scope)) throw notFound('No such community.');
      return node?.level === 'district';
    }
    const member = await models.Membership.findById(membershipId(communityId, actor.accountId), {
      role: 1,
    }).lean();
    if (member?.role === 'operator') return false;
    throw forbidden('Only operators, supervisors and administrators see build stages.');
  }
}

function realDay(d: string): boolean {
  const t = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
}

import { DEFAULT_TIME_ZONE } from '@scene/schema';
import type { Actor } from '../control/auth/actor';
import { membershipId } from '../control/auth/model';
import { forbidden, notFound } from '../http/errors';
import type { RegionService } from '../control/regions/service';
import type { RollupWriter } from './rollups/writer';
import { communityCoverage, type Coverage, type CoverageDeps } from './coverage';
import type { CommunityFigures } from './community';
import type { MetricFigures } from './figures';
import { dashboardPeriod, type DashboardPeriod } from './period';
import { regionDashboardOf, type RegionDashboard } from './region';
import { regionZone, RegionViews } from './region-views';
import { ROLLUP_FORMAT, states } from './rollups/store';
import { evaluate, type Weights } from './evaluation/score';
import { EvaluationWeights, type WeightsView } from './evaluation/weights';

/** What the dashboards read (the monthly reports too, which freeze them). */
export type OperationsDeps = CoverageDeps & {
  regions: RegionService;
  rollups: RollupWriter;
  figures: CommunityFigures;
};

export interface PeriodQuery {
  period?: string;
  month?: string;
}

export interface CommunityDashboard {
  community: { id: string; name: string; timeZone: string; published: boolean };
  /** Who reads: operators may act on what they see, a supervisor only reads. */
  access: 'operator' | 'supervisor';
  period: DashboardPeriod;
  metrics: MetricFigures[];
  /** Some days are still being counted and left out of the figures: ask again shortly. */
  counting: boolean;
  coverage: Coverage;
}

export interface OperationsOverview {
  /** Province, city and district nodes with what hangs under them (streets are left to drill-down). */
  regions: {
    id: string;
    name: string;
    level: 'province' | 'city' | 'district';
    depth: number;
    communities: number;
    published: number;
  }[];
  communities: {
    id: string;
    name: string;
    /** Names from the province down to the street; empty when not placed yet. */
    place: string[];
    type: 'new-build' | 'renovation';
    published: boolean;
    /** As of the community's last roll-up, as the region rankings show it (live before one). */
    score: number;
  }[];
}

/**
 * The operations side: a community's dashboard (its plugins' declared metrics over a period,
 * compared with the period before, and its scene coverage), the same figures rolled up over a
 * region node, and the admin's overview. Every answer is figures: no record, no person.
 */
export class OperationsService {
  readonly weights: EvaluationWeights;
  private readonly views: RegionViews;

  constructor(private readonly services: OperationsDeps) {
    this.weights = new EvaluationWeights(() => services.dataPlane.connection.db!);
    this.views = new RegionViews(services);
  }

  /** The evaluation weights, for admins and supervisors (who see them beside every score). */
  async currentWeights(actor: Actor): Promise<WeightsView> {
    if (!actor.platformRoles.includes('admin') && !(await this.services.regions.scopeOf(actor)))
      throw forbidden('Only administrators and supervisors read the evaluation weights.');
    return this.weights.current();
  }

  saveWeights(actor: Actor, weights: Weights): Promise<WeightsView> {
    return this.weights.save(actor, weights, this.now());
  }

  private now(): Date {
    return this.services.dataPlane.now?.() ?? new Date();
  }

  /** `complete` (a report being frozen): waits for every day to be counted. */
  async community(
    actor: Actor,
    communityId: string,
    q: PeriodQuery,
    opts: { complete?: boolean } = {},
  ): Promise<CommunityDashboard> {
    const access = await this.communityAccess(actor, communityId);
    const doc = await this.services.models.Community.findById(communityId).lean();
    if (!doc || doc.status !== 'active') throw notFound('No such community.');
    const timeZone = doc.timeZone ?? DEFAULT_TIME_ZONE;
    const period = dashboardPeriod(q.period, q.month, this.now(), timeZone);
    const community = {
      id: doc._id,
      name: doc.name,
      timeZone,
      published: doc.publishedVersion !== null,
    };
    const [{ metrics, counting }, coverage] = await Promise.all([
      this.services.figures.read(community, period, opts),
      communityCoverage(this.services, communityId, this.now()),
    ]);
    return {
      community,
      access,
      period,
      metrics,
      counting,
      coverage,
    };
  }

  /**
   * A region's figures come from its communities' daily roll-ups, never their records, so its
   * periods end with yesterday; they are stored per node and period after the nightly roll-up
   * and read back while fresh (see RegionViews). Names and weights are read with every answer,
   * so a rename or a new weights version shows at once.
   */
  async region(actor: Actor, regionId: string, q: PeriodQuery): Promise<RegionDashboard> {
    const members = await this.services.regions.members(regionId, actor);
    const zone = regionZone(members.list);
    const period = dashboardPeriod(q.period, q.month, this.now(), zone, true);
    const [figures, w] = await Promise.all([
      this.views.figures({ id: members.region.id, list: members.list }, period),
      this.weights.current(),
    ]);
    const dashboard = regionDashboardOf(members, period, figures);
    return {
      ...dashboard,
      evaluation: evaluate(dashboard.ranking, dashboard.metrics, w.weights, w.version),
    };
  }

  async overview(actor: Actor): Promise<OperationsOverview> {
    if (!actor.platformRoles.includes('admin'))
      throw forbidden('The operations overview is for administrators.');
    const models = this.services.models;
    const [regions, placements, communities] = await Promise.all([
      models.Region.find({ level: { $in: ['province', 'city', 'district'] } }).lean(),
      models.RegionPlacement.find().lean(),
      models.Community.find({ status: 'active' }, { name: 1, type: 1, publishedVersion: 1 }).lean(),
    ]);
    const names = new Map(
      (await models.Region.find({}, { name: 1 }).lean()).map((r) => [r._id, r.name] as const),
    );
    const placeOf = new Map(placements.map((p) => [p._id, p.path] as const));
    const published = new Set(
      communities.filter((c) => c.publishedVersion !== null).map((c) => c._id),
    );
    // The score the last roll-up stored (the one the region rankings show): computed live it
    // looks into every plugin's records of each community, and on the local database each look
    // decodes every community's records. Live only for a community not rolled up yet.
    const stored = new Map(
      (
        await states(this.services.dataPlane.connection.db!)
          .find(
            { _id: { $in: communities.map((c) => c._id) } },
            { projection: { score: 1, format: 1 } },
          )
          .toArray()
      )
        .filter((s) => s.format === ROLLUP_FORMAT)
        .map((s) => [s._id, s.score] as const),
    );
    const list: OperationsOverview['communities'] = [];
    for (const c of communities) {
      const score =
        stored.get(c._id) ?? (await communityCoverage(this.services, c._id, this.now())).score;
      list.push({
        id: c._id,
        name: c.name,
        place: (placeOf.get(c._id) ?? []).map((id) => names.get(id) ?? id),
        type: c.type,
        published: published.has(c._id),
        score,
      });
    }
    const under = (id: string) =>
      communities.filter((c) => placeOf.get(c._id)?.includes(id)).map((c) => c._id);
    return {
      regions: regions
        .map((r) => ({
          id: r._id,
          name: r.name,
          level: r.level as 'province' | 'city' | 'district',
          depth: r.path.length - 1,
          communities: under(r._id).length,
          published: under(r._id).filter((id) => published.has(id)).length,
          path: r.path.join('\u0000'),
        }))
        .sort((a, b) => a.path.localeCompare(b.path))
        .map(({ path: _path, ...r }) => r),
      communities: list.sort((a, b) => a.id.localeCompare(b.id)),
    };
  }

  /**
   * Operators and admins of the community read its dashboard; so does a supervisor of a node
   * above it, read-only. Outside a supervisor's scope the community does not exist for them.
   */
  async communityAccess(actor: Actor, communityId: string): Promise<'operator' | 'supervisor'> {
    if (actor.platformRoles.includes('admin')) return 'operator';
    const models = this.services.models;
    const member = await models.Membership.findById(membershipId(communityId, actor.accountId), {
      role: 1,
    }).lean();
    if (member?.role === 'operator') return 'operator';
    const scope = await this.services.regions.scopeOf(actor);
    if (!scope) throw forbidden('Only operators and supervisors read dashboards.');
    const placed = await models.RegionPlacement.findById(communityId).lean();
    if (!placed?.path.includes(scope)) throw notFound('No such community.');
    return 'supervisor';
  }
}

import { randomBytes } from 'node:crypto';
import { DEFAULT_TIME_ZONE, localDate } from '@scene/schema';
import type { Actor } from '../../control/auth/actor';
import { isDuplicateKey } from '../../db/claims';
import { badRequest, forbidden, HttpError, notFound } from '../../http/errors';
import { addDays } from '../period';
import { OperationsService, type OperationsDeps } from '../service';
import { states } from '../rollups/store';
import type { AuditService } from '../../control/audit/service';
import { ReportRevisions } from './revisions';
import { SYSTEM_ACTOR } from '../../control/auth/actor';
import {
  reportId,
  reportOf,
  reports,
  revisionId,
  type FrozenBy,
  type MonthlyReport,
  type ReportKind,
  type ReportSummary,
} from './store';

const CATCH_UP_RETRY_MS = 5_000;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export type ReportDeps = OperationsDeps & { audit: AuditService };

/** The month before `day`'s month, `YYYY-MM`. */
export function previousMonth(day: string): string {
  return addDays(`${day.slice(0, 7)}-01`, -1).slice(0, 7);
}

type ReportMetric = MonthlyReport['metrics'][number];

/**
 * A dashboard metric as a report keeps it (its heading and the month's figures); `hidden`
 * counts the communities whose figure was too small to show (a community's own report: none).
 */
const reportMetric = (m: Omit<ReportMetric, 'hidden'>, hidden: number): ReportMetric => ({
  key: m.key,
  pluginName: m.pluginName,
  label: m.label,
  unit: m.unit,
  combine: m.combine,
  minGroupSize: m.minGroupSize,
  total: m.total,
  previous: m.previous,
  hidden,
});

export interface FreezeReport {
  /** Reports this pass froze (it won their insert). */
  frozen: number;
  /** Region reports left for a later pass: some community is not rolled up to the month's end. */
  pending: number;
}

/**
 * Monthly reports (月报): on the 1st (in the community's zone) a schedule freezes last month's
 * report of every community and every region node, as a stored snapshot that a later change of
 * records never alters. Freezing is one insert into the report's key, so among processes racing
 * (or the admin freezing a missed month on demand) exactly one report is written.
 */
export class MonthlyReports {
  readonly processId = randomBytes(6).toString('hex');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  private readonly ops: OperationsService;
  /** Late corrections: a month frozen again as its next revision. */
  readonly revisions: ReportRevisions;

  constructor(
    private readonly services: ReportDeps,
    private readonly tickMs = 10 * 60_000,
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    this.ops = new OperationsService(services);
    this.revisions = new ReportRevisions(services, this);
  }

  private now(): Date {
    return this.services.dataPlane.now?.() ?? new Date();
  }

  private get db() {
    return this.services.dataPlane.connection.db!;
  }

  /**
   * A pass soon after start (the 1st may be today), then one every `tickMs`. `catchUp` (the demo
   * start): last month is frozen whatever the day, retried every few seconds while a region
   * waits for its communities' first roll-ups.
   */
  start(catchUp = false): void {
    if (this.timer) return;
    let anyDay = catchUp;
    const tick = () => {
      // The catch-up waits for the roll-ups' pass at start: regions need it, and the two
      // together would slow the first dashboards of a demo just started.
      const ready = anyDay ? this.services.rollups.idle() : Promise.resolve();
      this.running = ready
        .then(() => this.runAll(anyDay))
        .then((r) => {
          if (!r.pending) anyDay = false;
        })
        .catch(this.onError)
        .finally(() => {
          this.timer = setTimeout(tick, anyDay ? CATCH_UP_RETRY_MS : this.tickMs);
          this.timer.unref();
        });
    };
    this.timer = setTimeout(tick, 0);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /**
   * Every community whose local day is the 1st, then every region node whose zone's day is: last
   * month's report, unless it is frozen already. `anyDay` freezes last month whatever the day
   * (the demo start, so its reports exist on first sight).
   */
  async runAll(anyDay = false): Promise<FreezeReport> {
    const out: FreezeReport = { frozen: 0, pending: 0 };
    const communities = await this.services.models.Community.find(
      { status: 'active' },
      { timeZone: 1 },
    ).lean();
    const regions = await this.services.models.Region.find({}, { _id: 1 }).lean();
    const due = (timeZone: string) => {
      const today = localDate(this.now(), timeZone);
      return anyDay || today.endsWith('-01') ? previousMonth(today) : null;
    };
    const wanted: { kind: ReportKind; id: string; month: string }[] = [];
    for (const c of communities) {
      const month = due(c.timeZone ?? DEFAULT_TIME_ZONE);
      if (month) wanted.push({ kind: 'community', id: c._id, month });
    }
    const regionMonth = due(DEFAULT_TIME_ZONE);
    if (regionMonth)
      for (const r of regions) wanted.push({ kind: 'region', id: r._id, month: regionMonth });
    if (!wanted.length) return out;
    // One read for what is frozen already (every find scans on the local database).
    const have = new Set(
      (
        await reports(this.db)
          .find(
            { _id: { $in: wanted.map((w) => reportId(w.kind, w.id, w.month)) } },
            { projection: { _id: 1 } },
          )
          .toArray()
      ).map((d) => d._id),
    );
    for (const w of wanted) {
      if (have.has(reportId(w.kind, w.id, w.month))) continue;
      try {
        if (await this.freeze(w.kind, w.id, w.month, 'schedule')) out.frozen++;
      } catch (err) {
        if (err instanceof HttpError && err.code === 'rollups_pending') out.pending++;
        else throw err;
      }
    }
    return out;
  }

  /**
   * Computes and inserts the report; the report, or null when another freezer inserted it first.
   * A region waits for its communities' roll-ups to reach the month's end (409 rollups_pending).
   */
  async freeze(
    kind: ReportKind,
    subjectId: string,
    month: string,
    by: FrozenBy,
  ): Promise<MonthlyReport | null> {
    const body = await this.compute(kind, subjectId, month, by);
    try {
      await reports(this.db).insertOne({
        _id: reportId(kind, subjectId, month),
        kind,
        subjectId,
        month,
        frozenAt: new Date(body.frozenAt),
        frozenBy: by,
        processId: this.processId,
        timeZone: body.timeZone,
        body: JSON.stringify(body),
      });
      return body;
    } catch (err) {
      if (isDuplicateKey(err)) return null;
      throw err;
    }
  }

  /** The admin freezes a month the schedule missed; a month frozen already is refused (409). */
  async freezeOnDemand(
    actor: Actor,
    input: { kind: ReportKind; subjectId: string; month: string },
  ): Promise<MonthlyReport> {
    if (!actor.platformRoles.includes('admin'))
      throw forbidden('Only administrators freeze reports.');
    const exists = () =>
      reports(this.db).findOne({ _id: reportId(input.kind, input.subjectId, input.month) });
    const frozen = () =>
      new HttpError(
        409,
        'report_frozen',
        'This month’s report is frozen already: open it from the reports list.',
        {
          month: input.month,
        },
      );
    if (await exists()) throw frozen();
    const report = await this.freeze(input.kind, input.subjectId, input.month, 'admin');
    if (!report) throw frozen();
    return report;
  }

  /** The month's figures as a report of revision 1 (not stored). */
  compute(kind: ReportKind, subjectId: string, month: string, by: FrozenBy) {
    return kind === 'community'
      ? this.community(subjectId, month, by)
      : this.region(subjectId, month, by);
  }

  /** The reports of a subject, newest month first, each month as its newest revision (no bodies). */
  async list(kind: ReportKind, subjectId: string): Promise<ReportSummary[]> {
    const docs = await reports(this.db)
      .find({ kind, subjectId }, { projection: { body: 0 } })
      .toArray();
    const newest = new Map<string, ReportSummary>();
    for (const d of docs) {
      const revision = d.revision ?? 1;
      if ((newest.get(d.month)?.revision ?? 0) > revision) continue;
      newest.set(d.month, {
        month: d.month,
        frozenAt: d.frozenAt.toISOString(),
        frozenBy: d.frozenBy,
        timeZone: d.timeZone,
        revision,
      });
    }
    return [...newest.values()].sort((a, b) => b.month.localeCompare(a.month));
  }

  /** A month's report: the revision asked for, else the newest. */
  async get(
    kind: ReportKind,
    subjectId: string,
    month: string,
    revision?: number,
  ): Promise<MonthlyReport> {
    if (!MONTH.test(month)) throw badRequest('Give the month as YYYY-MM.', { field: 'month' });
    const base = reportId(kind, subjectId, month);
    const n = revision ?? (await this.revisions.newest(base));
    const doc = n ? await reports(this.db).findOne({ _id: revisionId(base, n) }) : null;
    if (!doc)
      throw notFound(
        revision && revision > 1
          ? 'This month’s report has no such revision.'
          : 'No report for this month: a month is frozen on the 1st of the next; an administrator can freeze one the 1st missed.',
      );
    return reportOf(doc);
  }

  /** Refuses a month that is malformed or has not ended in `timeZone` (400). */
  checkMonth(month: string, timeZone: string): void {
    if (!MONTH.test(month)) throw badRequest('Give the month as YYYY-MM.', { field: 'month' });
    if (month >= localDate(this.now(), timeZone).slice(0, 7))
      throw badRequest('Only a month that has ended can be frozen.', { field: 'month' });
  }

  private async community(id: string, month: string, by: FrozenBy): Promise<MonthlyReport> {
    const doc = await this.services.models.Community.findById(id, { timeZone: 1 }).lean();
    if (!doc) throw notFound('No such community.');
    this.checkMonth(month, doc.timeZone ?? DEFAULT_TIME_ZONE);
    const d = await this.ops.community(
      SYSTEM_ACTOR,
      id,
      { period: 'month', month },
      { complete: true },
    );
    return {
      kind: 'community',
      subjectId: id,
      subjectName: d.community.name,
      month,
      timeZone: d.period.timeZone,
      from: d.period.from,
      to: d.period.to,
      previous: d.period.previous,
      frozenAt: this.now().toISOString(),
      frozenBy: by,
      revision: 1,
      reason: null,
      changes: [],
      rankingChanges: [],
      communities: 1,
      published: d.community.published ? 1 : 0,
      score: d.coverage.score,
      metrics: d.metrics.map((m) => reportMetric(m, 0)),
      ranking: [],
    };
  }

  private async region(id: string, month: string, by: FrozenBy): Promise<MonthlyReport> {
    const overview = await this.services.regions.overview(id, SYSTEM_ACTOR);
    this.checkMonth(month, DEFAULT_TIME_ZONE);
    // The month's last day must be rolled up for every community under the node.
    const next = addDays(`${month}-01`, 40).slice(0, 7);
    const end = addDays(`${next}-01`, -1);
    const zones = await this.services.models.Community.find(
      { _id: { $in: overview.list.map((c) => c.id) } },
      { timeZone: 1 },
    ).lean();
    for (const c of zones) await this.services.rollups.run(c._id, c.timeZone ?? DEFAULT_TIME_ZONE);
    const rolled = await states(this.db)
      .find({ _id: { $in: zones.map((c) => c._id) } }, { projection: { through: 1 } })
      .toArray();
    if (rolled.length < zones.length || rolled.some((s) => s.through < end))
      throw new HttpError(
        409,
        'rollups_pending',
        'The communities are still being rolled up; try again in a few minutes.',
      );
    const d = await this.ops.region(SYSTEM_ACTOR, id, { period: 'month', month });
    const scores = d.ranking.map((r) => r.score);
    return {
      kind: 'region',
      subjectId: id,
      subjectName: d.region.name,
      month,
      timeZone: d.period.timeZone,
      from: d.period.from,
      to: d.period.to,
      previous: d.period.previous,
      frozenAt: this.now().toISOString(),
      frozenBy: by,
      revision: 1,
      reason: null,
      changes: [],
      rankingChanges: [],
      communities: d.communities,
      published: d.published,
      score: scores.length ? Math.round(scores.reduce((a, b) => a + b, 0) / scores.length) : 0,
      metrics: d.metrics.map((m) => reportMetric(m, m.hidden)),
      ranking: d.ranking.map((r) => ({
        id: r.id,
        name: r.name,
        score: r.score,
        figures: r.figures,
      })),
    };
  }
}

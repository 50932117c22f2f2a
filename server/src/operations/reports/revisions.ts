import { DEFAULT_TIME_ZONE } from '@scene/schema';
import type { Actor } from '../../control/auth/actor';
import { isDuplicateKey } from '../../db/claims';
import { badRequest, forbidden, HttpError, notFound } from '../../http/errors';
import { own } from '../../own';
import { addDays } from '../period';
import { claims } from '../rollups/store';
import type { MonthlyReports, ReportDeps } from './service';
import { SYSTEM_ACTOR } from '../../control/auth/actor';
import {
  reportId,
  reportOf,
  reports,
  revisionId,
  type MonthlyReport,
  type RankingChange,
  type RankingPlace,
  type ReportChange,
  type ReportKind,
} from './store';

/** Revisions a month may have: a bound on the probe for the newest (an _id read each). */
export const MAX_REVISIONS = 20;
/**
 * A re-freeze claim older than this whose revision was never stored belongs to a process that
 * died mid-way: the next re-freeze takes it over instead of finding the month stuck.
 */
const STALE_CLAIM_MS = 10 * 60_000;

export interface ReviseInput {
  kind: ReportKind;
  subjectId: string;
  month: string;
  reason: string;
}

/** The report's own figures a revision compares beside its metrics. */
const OWN = ['score', 'communities', 'published'] as const;

/** What differs between two revisions of a month: month totals by metric, then the report's own. */
export function reportChanges(before: MonthlyReport, after: MonthlyReport): ReportChange[] {
  const out: ReportChange[] = [];
  const was = new Map(before.metrics.map((m) => [m.key, m] as const));
  const keys = new Set([...before.metrics.map((m) => m.key), ...after.metrics.map((m) => m.key)]);
  for (const key of keys) {
    const old = was.get(key);
    const now = after.metrics.find((m) => m.key === key);
    const head = now ?? old!;
    const from = old?.total ?? null;
    const to = now?.total ?? null;
    if (from !== to)
      out.push({ key, pluginName: head.pluginName, label: head.label, unit: head.unit, from, to });
  }
  for (const key of OWN)
    if (before[key] !== after[key])
      out.push({
        key,
        pluginName: null,
        label: null,
        unit: null,
        from: before[key],
        to: after[key],
      });
  return out;
}

/**
 * The rows of a region's ranking that differ between two revisions: a community's place, score
 * or any of its figures, best-ranked first (then those that left the ranking). A late correction
 * in one community moves the others' places and scores too (scores are relative to the best), so
 * a supervisor sees every community the correction touched, not only the region's totals.
 */
export function rankingChanges(before: MonthlyReport, after: MonthlyReport): RankingChange[] {
  const place = (r: MonthlyReport) =>
    new Map(r.ranking.map((row, i) => [row.id, { row, at: { rank: i + 1, score: row.score } }]));
  const was = place(before);
  const now = place(after);
  const same = (a: RankingPlace | null, b: RankingPlace | null) =>
    a?.rank === b?.rank && a?.score === b?.score;
  const out: RankingChange[] = [];
  for (const id of new Set([...now.keys(), ...was.keys()])) {
    const old = was.get(id);
    const cur = now.get(id);
    const keys = new Set([
      ...Object.keys(old?.row.figures ?? {}),
      ...Object.keys(cur?.row.figures ?? {}),
    ]);
    const figures = [...keys]
      .map((key) => ({
        key,
        from: own(old?.row.figures, key) ?? null,
        to: own(cur?.row.figures, key) ?? null,
      }))
      .filter((f) => f.from !== f.to);
    const from = old?.at ?? null;
    const to = cur?.at ?? null;
    if (same(from, to) && !figures.length) continue;
    out.push({ id, name: (cur ?? old)!.row.name, from, to, figures });
  }
  return out;
}

/**
 * Late corrections (修订): the admin or the supervisor of the subject's district freezes a month
 * again with a reason. The month's roll-ups are computed again from the records, and the report
 * is stored as the next revision beside the ones before (never over them), naming the figures
 * that changed. Concurrent re-freezes of a month make one revision: the one whose claim on the
 * revision's number inserts first recomputes and stores it, the others are refused (409).
 */
export class ReportRevisions {
  constructor(
    private readonly services: ReportDeps,
    private readonly reports: MonthlyReports,
  ) {}

  private get db() {
    return this.services.dataPlane.connection.db!;
  }

  private now(): Date {
    return this.services.dataPlane.now?.() ?? new Date();
  }

  /** The newest revision's number of the report `base`, 0 when the month is not frozen. */
  async newest(base: string): Promise<number> {
    let n = 0;
    // Revisions are few: one read by _id each beats a scan of every report on the local database.
    while (n < MAX_REVISIONS) {
      const found = await reports(this.db).findOne(
        { _id: revisionId(base, n + 1) },
        { projection: { _id: 1 } },
      );
      if (!found) break;
      n++;
    }
    return n;
  }

  async revise(actor: Actor, input: ReviseInput): Promise<MonthlyReport> {
    const reason = input.reason.trim();
    if (reason.length < 2)
      throw badRequest('Say why the month is frozen again.', { field: 'reason' });
    const by = await this.access(actor, input.kind, input.subjectId);
    const base = reportId(input.kind, input.subjectId, input.month);
    const n = await this.newest(base);
    if (!n) throw notFound('No report of this month to revise: it was never frozen.');
    if (n >= MAX_REVISIONS)
      throw new HttpError(
        409,
        'report_revisions_full',
        'This month has as many revisions as allowed.',
      );
    const next = n + 1;
    const claimed = await this.claim(base, next);
    let report: MonthlyReport;
    try {
      const communities = await this.communitiesOf(input.kind, input.subjectId);
      // The month's roll-ups again from the records (a late correction is in the records only).
      const nextMonth = addDays(`${input.month}-01`, 40).slice(0, 7);
      for (const c of communities)
        await this.services.rollups.write(c.id, c.timeZone, `${input.month}-01`, `${nextMonth}-01`);
      const [computed, before] = await Promise.all([
        this.reports.compute(input.kind, input.subjectId, input.month, by),
        this.reports.get(input.kind, input.subjectId, input.month, n),
      ]);
      report = {
        ...computed,
        revision: next,
        reason,
        changes: reportChanges(before, computed),
        rankingChanges: rankingChanges(before, computed),
      };
    } catch (err) {
      // Nothing was stored: the next re-freeze may try at once.
      await claims(this.db).deleteOne(claimed);
      throw err;
    }
    try {
      await reports(this.db).insertOne({
        _id: revisionId(base, next),
        kind: input.kind,
        subjectId: input.subjectId,
        month: input.month,
        frozenAt: new Date(report.frozenAt),
        frozenBy: by,
        revision: next,
        processId: this.reports.processId,
        timeZone: report.timeZone,
        body: JSON.stringify(report),
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw revising();
      throw err;
    }
    const regionId = input.kind === 'region' ? input.subjectId : undefined;
    await this.services.audit.record(actor, {
      action: 'report.revise',
      target: { type: 'report', id: base },
      ...(input.kind === 'community' ? { communityId: input.subjectId } : {}),
      summary: {
        kind: input.kind,
        month: input.month,
        revision: next,
        reason,
        changed: report.changes.length,
        ...(regionId ? { regionId } : {}),
      },
    });
    return reportOf({ body: JSON.stringify(report) });
  }

  /**
   * The claim on revision `n`'s number (in the roll-ups' claims: it is also the claim on writing
   * the month's roll-ups of the subject's communities). A claim left by a dead process is taken
   * over once it is stale.
   */
  private async claim(base: string, n: number) {
    const id = `revise|${revisionId(base, n)}`;
    const mine = { _id: id, by: this.reports.processId, at: this.now() };
    try {
      await claims(this.db).insertOne(mine);
      return mine;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const held = await claims(this.db).findOne({ _id: id });
    const stale =
      held &&
      this.now().getTime() - held.at.getTime() > STALE_CLAIM_MS &&
      !(await reports(this.db).findOne({ _id: revisionId(base, n) }, { projection: { _id: 1 } }));
    if (!stale) throw revising();
    await claims(this.db).deleteOne({ _id: id, by: held.by, at: held.at });
    try {
      await claims(this.db).insertOne(mine);
      return mine;
    } catch (err) {
      if (isDuplicateKey(err)) throw revising();
      throw err;
    }
  }

  private async communitiesOf(
    kind: ReportKind,
    subjectId: string,
  ): Promise<{ id: string; timeZone: string }[]> {
    const ids =
      kind === 'community'
        ? [subjectId]
        : (await this.services.regions.overview(subjectId, SYSTEM_ACTOR)).list.map((c) => c.id);
    const docs = await this.services.models.Community.find(
      { _id: { $in: ids } },
      { timeZone: 1 },
    ).lean();
    return docs.map((d) => ({ id: d._id, timeZone: d.timeZone ?? DEFAULT_TIME_ZONE }));
  }

  /** Whether the actor may freeze the subject's months again (the list says so to the studio). */
  async allowed(actor: Actor, kind: ReportKind, subjectId: string): Promise<boolean> {
    try {
      await this.access(actor, kind, subjectId);
      return true;
    } catch (err) {
      if (err instanceof HttpError && err.status < 500) return false;
      throw err;
    }
  }

  /**
   * The admin, or a supervisor of a district the subject is in (who edits its build stages too).
   * Outside a supervisor's scope the subject does not exist (404); other supervisors and
   * everyone else are refused (403).
   */
  private async access(
    actor: Actor,
    kind: ReportKind,
    subjectId: string,
  ): Promise<'admin' | 'supervisor'> {
    const models = this.services.models;
    const isAdmin = actor.platformRoles.includes('admin');
    if (kind === 'region') await this.services.regions.readable(subjectId, actor);
    else if (!(await models.Community.exists({ _id: subjectId, status: 'active' })))
      throw notFound('No such community.');
    if (isAdmin) return 'admin';
    const scope = await this.services.regions.scopeOf(actor);
    if (!scope) throw forbidden('Only the administrator and district supervisors revise reports.');
    if (kind === 'community') {
      const placed = await models.RegionPlacement.findById(subjectId).lean();
      if (!placed?.path.includes(scope)) throw notFound('No such community.');
    }
    const node = await models.Region.findById(scope, { level: 1 }).lean();
    if (node?.level !== 'district')
      throw forbidden('Only the administrator and district supervisors revise reports.');
    return 'supervisor';
  }
}

const revising = () =>
  new HttpError(
    409,
    'report_revising',
    'Someone else is freezing this month again right now, or has just done so: open the report to see its newest revision.',
  );

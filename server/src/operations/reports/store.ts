import type { mongo } from 'mongoose';
import type { Figure } from '../figures';
import type { LocalizedText } from '@scene/schema';

/**
 * Frozen monthly reports (月报), `_id` `<kind>|<subjectId>|<YYYY-MM>` (revision 1) and
 * `<kind>|<subjectId>|<YYYY-MM>|r<n>` (revision n, a late correction). Each revision is one
 * insert into its key: whoever inserts first froze it, a second freezer (another process, the
 * admin) gets a duplicate key and the revision stays as it was. Nothing ever updates one.
 */
export const MONTHLY_REPORTS = 'ops_monthly_reports';

export type ReportKind = 'community' | 'region';

export interface ReportMetric {
  key: string;
  pluginName: LocalizedText;
  label: LocalizedText;
  unit: LocalizedText | null;
  combine: 'sum' | 'mean';
  minGroupSize: number;
  total: Figure;
  previous: Figure;
  /** Region reports: communities whose figure was too small to show and is left out of the sum. */
  hidden: number;
}

export type FrozenBy = 'schedule' | 'admin' | 'supervisor';

/**
 * A figure that differs from the revision before: a metric's month total (its heading), or one
 * of the report's own figures (`score`, `communities`, `published`: no heading, the reader's
 * words name them).
 */
export interface ReportChange {
  key: string;
  pluginName: LocalizedText | null;
  label: LocalizedText | null;
  unit: LocalizedText | null;
  from: Figure;
  to: Figure;
}

/** A community's place in a region's ranking: 1 for the best. */
export interface RankingPlace {
  rank: number;
  score: number;
}

/**
 * A community of a region's ranking whose place, score or figures differ from the revision
 * before. `from` is null for a community that joined the region since, `to` for one that left.
 */
export interface RankingChange {
  id: string;
  name: string;
  from: RankingPlace | null;
  to: RankingPlace | null;
  /** Its figures that moved, by metric key (the report's metrics name them). */
  figures: { key: string; from: Figure; to: Figure }[];
}

/** A frozen report as the routes answer it: figures only, never a record or a person. */
export interface MonthlyReport {
  kind: ReportKind;
  subjectId: string;
  subjectName: string;
  month: string;
  /** The zone whose calendar the month is in. */
  timeZone: string;
  /** The month as local days `[from, to)`, and the period of the same length before it. */
  from: string;
  to: string;
  previous: { from: string; to: string };
  frozenAt: string;
  frozenBy: FrozenBy;
  /** 1 for the report frozen first; each re-freeze of the month makes the next. */
  revision: number;
  /** Why the month was frozen again (revision 2 and later); null for revision 1. */
  reason: string | null;
  /** What differs from the revision before (empty for revision 1, or when nothing moved). */
  changes: ReportChange[];
  /** Region revisions: the communities whose row of the ranking moved (empty otherwise). */
  rankingChanges: RankingChange[];
  communities: number;
  published: number;
  /** A community's completeness score when frozen; a region's mean over its communities. */
  score: number;
  metrics: ReportMetric[];
  /** Region reports: the communities best first, with their figures; empty for a community. */
  ranking: { id: string; name: string; score: number; figures: Record<string, Figure> }[];
}

/** A month of the list: its newest revision. */
export type ReportSummary = Pick<
  MonthlyReport,
  'month' | 'frozenAt' | 'frozenBy' | 'timeZone' | 'revision'
>;

export interface ReportDoc {
  _id: string;
  kind: ReportKind;
  subjectId: string;
  month: string;
  frozenAt: Date;
  frozenBy: FrozenBy;
  /** Absent on revision 1 (reports frozen before revisions existed have none). */
  revision?: number;
  /** The process that froze it (tests check one writer per report). */
  processId: string;
  timeZone: string;
  /** JSON of `MonthlyReport`: FerretDB v1 hands back one string far faster than nested documents. */
  body: string;
}

export const reportId = (kind: ReportKind, subjectId: string, month: string) =>
  `${kind}|${subjectId}|${month}`;

/** The key of revision `n` of the report `base` (a `reportId`). */
export const revisionId = (base: string, n: number) => (n === 1 ? base : `${base}|r${n}`);

/** A stored body as the routes answer it: reports frozen before revisions read as revision 1. */
export function reportOf(doc: Pick<ReportDoc, 'body'>): MonthlyReport {
  const body = JSON.parse(doc.body) as Partial<MonthlyReport> &
    Omit<MonthlyReport, 'revision' | 'reason' | 'changes' | 'rankingChanges'>;
  return { revision: 1, reason: null, changes: [], rankingChanges: [], ...body };
}

export const reports = (db: mongo.Db) => db.collection<ReportDoc>(MONTHLY_REPORTS);

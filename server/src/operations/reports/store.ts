import type { mongo } from 'mongoose';
import type { Figure } from '../figures';
import type { LocalizedText } from '@scene/schema';

/**
 * Frozen monthly reports (月报), `_id` `<kind>|<subjectId>|<YYYY-MM>`. The whole report is one
 * insert into that key: whoever inserts first froze it, a second freezer (another process, the
 * admin) gets a duplicate key and the report stays as it was. Nothing ever updates one.
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
  frozenBy: 'schedule' | 'admin';
  communities: number;
  published: number;
  /** A community's completeness score when frozen; a region's mean over its communities. */
  score: number;
  metrics: ReportMetric[];
  /** Region reports: the communities best first, with their figures; empty for a community. */
  ranking: { id: string; name: string; score: number; figures: Record<string, Figure> }[];
}

export type ReportSummary = Pick<MonthlyReport, 'month' | 'frozenAt' | 'frozenBy' | 'timeZone'>;

export interface ReportDoc {
  _id: string;
  kind: ReportKind;
  subjectId: string;
  month: string;
  frozenAt: Date;
  frozenBy: 'schedule' | 'admin';
  /** The process that froze it (tests check one writer per report). */
  processId: string;
  timeZone: string;
  /** JSON of `MonthlyReport`: FerretDB v1 hands back one string far faster than nested documents. */
  body: string;
}

export const reportId = (kind: ReportKind, subjectId: string, month: string) =>
  `${kind}|${subjectId}|${month}`;

export const reports = (db: mongo.Db) => db.collection<ReportDoc>(MONTHLY_REPORTS);

import type { Schemas } from '../contract';
import { communityPath, seg } from '../contract';
import type { HttpClient } from '../http';

export type CommunityDashboard = Schemas['CommunityDashboard'];
export type RegionDashboard = Schemas['RegionDashboard'];
export type OperationsOverview = Schemas['OperationsOverview'];
export type RegionTree = Schemas['RegionTree'];
export type DashboardPeriod = Schemas['DashboardPeriod'];
export type BuildPlan = Schemas['BuildPlan'];
export type RegionBuild = Schemas['RegionBuild'];
export type BuildStage = NonNullable<BuildPlan['stage']>;
/** What a save sends: the stage and the whole list of milestones. */
export interface BuildPlanInput {
  stage: BuildStage;
  milestones: { key: string; name: string; planned: string; done: string | null }[];
}
export type DashboardPeriodKind = DashboardPeriod['kind'];
export type MonthlyReport = Schemas['MonthlyReport'];
export type EvaluationWeights = Schemas['EvaluationWeights'];
/** 动态运营评价 indicators: satisfaction, activity, response, coverage. */
export type EvaluationIndicator = keyof EvaluationWeights['weights'];
export type MonthlyReportSummary = Schemas['MonthlyReportSummary'];
/** A figure a revision changed since the one before (a metric's, or `score`/`communities`/`published`). */
export type ReportChange = MonthlyReport['changes'][number];
export type RankingChange = MonthlyReport['rankingChanges'][number];
/** Whose report: a community's, or a region node's (summed over its communities). */
export type ReportKind = MonthlyReport['kind'];

/** `period`: the last 7 / 30 / 90 days or a calendar month (`month`: `YYYY-MM`). */
export interface PeriodParams {
  period?: DashboardPeriodKind;
  month?: string;
}

/** Dashboards (figures only) for operators, region supervisors and admins, and the region tree. */
export interface OperationsApi {
  community(communityId: string, params?: PeriodParams): Promise<CommunityDashboard>;
  region(regionId: string, params?: PeriodParams): Promise<RegionDashboard>;
  overview(): Promise<OperationsOverview>;
  /** The whole tree for admins; a supervisor's node (`scope`) and what is under it. */
  regions(): Promise<RegionTree>;
  /** A community's build stage and milestones (`canEdit`: admin or its district supervisor). */
  build(communityId: string): Promise<BuildPlan>;
  saveBuild(communityId: string, plan: BuildPlanInput): Promise<BuildPlan>;
  /** Communities per stage under a node, and the late milestones. */
  regionBuild(regionId: string): Promise<RegionBuild>;
  /** The evaluation weights in force and their version (admins and supervisors). */
  weights(): Promise<EvaluationWeights>;
  /** The admin saves the next version (each 0–100, adding up to 100). */
  saveWeights(weights: EvaluationWeights['weights']): Promise<EvaluationWeights>;
  /**
   * Frozen monthly reports of a community or region node, newest first (each month as its newest
   * revision); `canRevise`: the caller may freeze a month again.
   */
  reports(
    kind: ReportKind,
    id: string,
  ): Promise<{ items: MonthlyReportSummary[]; canRevise: boolean }>;
  /** A month's report: its newest revision, or `revision`. */
  report(kind: ReportKind, id: string, month: string, revision?: number): Promise<MonthlyReport>;
  /** Where a report downloads as CSV or XLSX (same origin: the session cookie rides along). */
  reportExportUrl(
    kind: ReportKind,
    id: string,
    month: string,
    format: 'csv' | 'xlsx',
    lang: 'zh-CN' | 'en',
    revision?: number,
  ): string;
  /** The admin freezes a month the schedule missed (409 `report_frozen` when it is frozen). */
  freezeReport(input: {
    kind: ReportKind;
    subjectId: string;
    month: string;
  }): Promise<MonthlyReport>;
  /**
   * The admin or a district supervisor freezes a frozen month again with a reason: the next
   * revision (409 `report_revising` when another re-freeze of the month won).
   */
  reviseReport(input: {
    kind: ReportKind;
    subjectId: string;
    month: string;
    reason: string;
  }): Promise<MonthlyReport>;
}

const reportsPath = (kind: ReportKind, id: string) =>
  kind === 'community' ? `${communityPath(id)}/reports` : `/api/v1/regions/${seg(id)}/reports`;

export function operationsApi(http: HttpClient): OperationsApi {
  return {
    community: (communityId, params = {}) =>
      http.request('GET', `${communityPath(communityId)}/dashboard`, { query: { ...params } }),
    region: (regionId, params = {}) =>
      http.request('GET', `/api/v1/regions/${seg(regionId)}/dashboard`, { query: { ...params } }),
    overview: () => http.request('GET', '/api/v1/operations/overview'),
    regions: () => http.request('GET', '/api/v1/regions'),
    build: (communityId) => http.request('GET', `${communityPath(communityId)}/build`),
    saveBuild: (communityId, plan) =>
      http.request('PUT', `${communityPath(communityId)}/build`, { body: plan }),
    regionBuild: (regionId) => http.request('GET', `/api/v1/regions/${seg(regionId)}/build`),
    weights: () => http.request('GET', '/api/v1/operations/evaluation'),
    saveWeights: (weights) =>
      http.request('PUT', '/api/v1/operations/evaluation', { body: { weights } }),
    reports: (kind, id) => http.request('GET', reportsPath(kind, id)),
    report: (kind, id, month, revision) =>
      http.request('GET', `${reportsPath(kind, id)}/${seg(month)}`, {
        query: revision ? { revision } : {},
      }),
    reportExportUrl: (kind, id, month, format, lang, revision) =>
      http.url(`${reportsPath(kind, id)}/${seg(month)}/export`, {
        format,
        lang,
        ...(revision ? { revision } : {}),
      }),
    freezeReport: (input) => http.request('POST', '/api/v1/operations/reports', { body: input }),
    reviseReport: (input) =>
      http.request('POST', '/api/v1/operations/reports/revisions', { body: input }),
  };
}

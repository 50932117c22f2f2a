// Operations: dashboards over the plugins' declared metrics, for operators, supervisors and admins.
export { OperationsService } from './service';
export type { CommunityDashboard, OperationsOverview, PeriodQuery } from './service';
export type { RegionDashboard } from './region';
export type { MetricFigures, Figure } from './figures';
export type { Coverage } from './coverage';
export { dashboardPeriod, PERIOD_KINDS } from './period';
export { operationsRoutes } from './routes';
export { BuildService } from './build/service';
export type { BuildPlanView, RegionBuildView } from './build/service';
export { buildRoutes } from './build/routes';
export { BUILD_STAGES } from './build/model';
export { MonthlyReports, previousMonth } from './reports/service';
export type { MonthlyReport, ReportSummary, ReportKind } from './reports/store';
export { reportRoutes } from './reports/routes';
export { INDICATORS, DEFAULT_WEIGHTS, evaluate } from './evaluation/score';
export type { Evaluation, Indicator, Weights } from './evaluation/score';

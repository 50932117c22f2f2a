import type { Schemas } from '../contract';
import { communityPath } from '../contract';
import type { HttpClient } from '../http';

export type CommunityMetrics = Schemas['CommunityMetrics'];
export type RetentionReport = Schemas['RetentionReport'];

/** Figures per plugin for operators, and the platform's maintenance jobs for admins. */
export interface MetricsApi {
  community(communityId: string): Promise<CommunityMetrics>;
  /** Purges records past their retention period now (safe to repeat). */
  runRetention(): Promise<RetentionReport>;
}

export function metricsApi(http: HttpClient): MetricsApi {
  return {
    community: (communityId) => http.request('GET', `${communityPath(communityId)}/metrics`),
    runRetention: () => http.request('POST', '/api/v1/admin/jobs/retention'),
  };
}

import type { Schemas } from '../contract';
import { communityPath, seg } from '../contract';
import type { HttpClient } from '../http';

export type CommunityMetrics = Schemas['CommunityMetrics'];
export type RetentionReport = Schemas['RetentionReport'];
export type MetricFigures = Schemas['AggregateAnswer'];

/** Figures per plugin for operators, and the platform's maintenance jobs for admins. */
export interface MetricsApi {
  community(communityId: string): Promise<CommunityMetrics>;
  /**
   * One operations metric a plugin declares, community-wide by day / week / month (small groups
   * suppressed); `from`/`to` are local dates or timestamps, `compare` adds the period before.
   */
  plugin(
    communityId: string,
    pluginId: string,
    metric: string,
    params?: { from?: string; to?: string; compare?: 'previous' },
  ): Promise<MetricFigures>;
  /** Purges records past their retention period now (safe to repeat). */
  runRetention(): Promise<RetentionReport>;
}

export function metricsApi(http: HttpClient): MetricsApi {
  return {
    community: (communityId) => http.request('GET', `${communityPath(communityId)}/metrics`),
    plugin: (communityId, pluginId, metric, params = {}) =>
      http.request(
        'GET',
        `${communityPath(communityId)}/plugins/${seg(pluginId)}/metrics/${seg(metric)}`,
        { query: { ...params } },
      ),
    runRetention: () => http.request('POST', '/api/v1/admin/jobs/retention'),
  };
}

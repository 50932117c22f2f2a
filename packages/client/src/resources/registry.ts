import type { Query, Schemas } from '../contract';
import { seg } from '../contract';
import type { HttpClient } from '../http';

export type PluginVersionSummary = Schemas['PluginVersion'];
export type PluginVersionDetail = Schemas['PluginVersionDetail'];
export type PublishResult = Schemas['PublishedPluginVersion'];
export type PublishCheck = Schemas['PublishCheck'];
export type IssueDetail = Schemas['IssueDetail'];
/** A version's example config and records for previews, as the registry stores them. */
export type PluginFixtures = Schemas['PluginFixtures'];
/** What a vendor publishes with a version (the `fixtures/` folder beside plugin.json). */
export type PluginFixturesInput = Pick<PluginFixtures, 'config' | 'records'>;
export type ReviewStatus = PluginVersionSummary['status'];
export type PluginFilter = Query<'/api/v1/plugins', 'get'>;

/** The plugin registry: publish, the dry run, search, versions, example data and review. */
export interface RegistryApi {
  /** The newest visible version of each plugin matching the filter. */
  list(filter?: PluginFilter): Promise<PluginVersionSummary[]>;
  /** Every visible version of one plugin, newest first. */
  versions(pluginId: string): Promise<PluginVersionSummary[]>;
  version(pluginId: string, version: string): Promise<PluginVersionDetail>;
  /** The newest approved version that works with a platform version (default: the server's). */
  latest(pluginId: string, platform?: string): Promise<PluginVersionDetail>;
  /**
   * Publishes a manifest (any JSON: the server validates it); refusals are ApiErrors whose
   * details are IssueDetail[].
   */
  publish(manifest: unknown): Promise<PublishResult>;
  /** Everything publishing would check, nothing stored; refusals are publish's ApiErrors. */
  check(manifest: unknown): Promise<PublishCheck>;
  /**
   * Publishes a version's example data (checked against its manifest, then immutable); a vendor
   * does so while the version waits for review. Refusals carry IssueDetail[] into the body.
   */
  publishFixtures(
    pluginId: string,
    version: string,
    fixtures: PluginFixturesInput,
  ): Promise<PluginFixtures>;
  /** A version's example data; an ApiError 404 `no_fixtures` when it has none. */
  fixtures(pluginId: string, version: string): Promise<PluginFixtures>;
  reviewQueue(limit?: number): Promise<PluginVersionSummary[]>;
  review(
    pluginId: string,
    version: string,
    decision: 'approve' | 'reject',
    reason?: string,
  ): Promise<PluginVersionSummary>;
}

export function registryApi(http: HttpClient): RegistryApi {
  const plugin = (pluginId: string) => `/api/v1/plugins/${seg(pluginId)}`;
  const list = async (path: string, query: Record<string, string | number | undefined>) =>
    (await http.request<{ items: PluginVersionSummary[] }>('GET', path, { query })).items;
  return {
    list: (filter = {}) => list('/api/v1/plugins', filter),
    versions: (pluginId) => list(plugin(pluginId), {}),
    version: (pluginId, version) =>
      http.request('GET', `${plugin(pluginId)}/versions/${seg(version)}`),
    latest: (pluginId, platform) =>
      http.request('GET', `${plugin(pluginId)}/latest`, { query: { platform } }),
    publish: (manifest) => http.request('POST', '/api/v1/plugins', { body: manifest }),
    check: (manifest) => http.request('POST', '/api/v1/plugins/validate', { body: manifest }),
    publishFixtures: (pluginId, version, fixtures) =>
      http.request('POST', `${plugin(pluginId)}/versions/${seg(version)}/fixtures`, {
        body: fixtures,
      }),
    fixtures: (pluginId, version) =>
      http.request('GET', `${plugin(pluginId)}/versions/${seg(version)}/fixtures`),
    reviewQueue: (limit) => list('/api/v1/plugins/review-queue', { limit }),
    review: (pluginId, version, decision, reason) =>
      http.request('POST', `${plugin(pluginId)}/versions/${seg(version)}/review`, {
        body: reason ? { decision, reason } : { decision },
      }),
  };
}

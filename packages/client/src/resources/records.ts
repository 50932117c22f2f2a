import type { Answer, Body, Schemas } from '../contract';
import { communityPath, seg } from '../contract';
import type { HttpClient } from '../http';

/** A record as a plugin query or action answers it: `id` plus the plugin's fields. */
export type RecordView = Schemas['RecordView'];
export type QueryAnswer = Schemas['QueryAnswer'];
export type CapacitySlot = Schemas['CapacitySlot'];
export type AggregateAnswer = Schemas['AggregateAnswer'];
export type Assignee = Schemas['Assignee'];
export type FieldsResults = Schemas['FieldsResults'];
export type ActionResult = Schemas['ActionResult'];
export type ActionRequest = Body<
  '/api/v1/communities/{communityId}/plugins/{pluginId}/actions/{action}',
  'post'
>;
export type Unmasked = Answer<
  '/api/v1/communities/{communityId}/plugins/{pluginId}/records/{collection}/{recordId}/unmask',
  'post'
>;

export interface QueryParams {
  limit?: number;
  cursor?: string;
  /** One record by id. */
  id?: string;
  /** `field:asc|desc`, among the query's declared sorts. */
  sort?: string;
  /** field → value, sent as `f.<field>.eq=<value>` (arrays as `f.<field>.in`). */
  filter?: Record<string, unknown>;
  /** Aggregates: the period, a local date (`YYYY-MM-DD`) or an ISO-8601 timestamp. */
  from?: string;
  to?: string;
  /** Aggregates: also the period of the same length just before (for trends). */
  compare?: 'previous';
  /** One person's figures (`subject` aggregates): a family member who allowed the caller. */
  for?: string;
}

/** Plugin data: declared queries (the only reads), actions (the only writes), unmasking. */
export interface RecordsApi {
  query(
    communityId: string,
    pluginId: string,
    query: string,
    params?: QueryParams,
  ): Promise<QueryAnswer>;
  /** `idempotencyKey` makes a retry of the same request answer the first result again. */
  action(
    communityId: string,
    pluginId: string,
    action: string,
    request: ActionRequest,
    idempotencyKey?: string,
  ): Promise<ActionResult>;
  /** Who holds `role` (display names), for the picker of a step assigning to it. */
  assignees(communityId: string, pluginId: string, role: string): Promise<Assignee[]>;
  /** Results per question of a `fieldsFrom` action (a survey), for the roles it names. */
  results(communityId: string, pluginId: string, action: string): Promise<FieldsResults>;
  /** Where the same results download as CSV (a plain link: the session cookie goes along). */
  resultsCsvUrl(communityId: string, pluginId: string, action: string, lang: string): string;
  /** One record with personal data in clear: for the roles the plugin names, with a reason (audited). */
  unmask(
    communityId: string,
    pluginId: string,
    collection: string,
    recordId: string,
    reason: string,
  ): Promise<Unmasked>;
}

export function recordsApi(http: HttpClient): RecordsApi {
  const plugin = (communityId: string, pluginId: string) =>
    `${communityPath(communityId)}/plugins/${seg(pluginId)}`;
  return {
    query(communityId, pluginId, query, params = {}) {
      const qs: Record<string, string | number | undefined> = {
        limit: params.limit,
        cursor: params.cursor,
        id: params.id,
        sort: params.sort,
        from: params.from,
        for: params.for,
        to: params.to,
        compare: params.compare,
      };
      for (const [field, value] of Object.entries(params.filter ?? {})) {
        if (value === undefined || value === null) continue;
        if (Array.isArray(value)) qs[`f.${field}.in`] = value.join(',');
        else qs[`f.${field}.eq`] = String(value);
      }
      return http.request('GET', `${plugin(communityId, pluginId)}/queries/${seg(query)}`, {
        query: qs,
      });
    },
    assignees: async (communityId, pluginId, role) =>
      (
        await http.request<Schemas['AssigneeList']>(
          'GET',
          `${plugin(communityId, pluginId)}/assignees`,
          { query: { role } },
        )
      ).items,
    results: (communityId, pluginId, action) =>
      http.request('GET', `${plugin(communityId, pluginId)}/results/${seg(action)}`),
    resultsCsvUrl: (communityId, pluginId, action, lang) =>
      http.url(
        `${plugin(communityId, pluginId)}/results/${seg(action)}/csv?lang=${encodeURIComponent(lang)}`,
      ),
    action: (communityId, pluginId, action, request, idempotencyKey) =>
      http.request('POST', `${plugin(communityId, pluginId)}/actions/${seg(action)}`, {
        body: request,
        headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : undefined,
      }),
    unmask: (communityId, pluginId, collection, recordId, reason) =>
      http.request(
        'POST',
        `${plugin(communityId, pluginId)}/records/${seg(collection)}/${seg(recordId)}/unmask`,
        { body: { reason } },
      ),
  };
}

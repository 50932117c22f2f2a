import type { Query, Schemas } from '../contract';
import { communityPath } from '../contract';
import type { HttpClient } from '../http';

export type AuditEntry = Schemas['AuditEntry'];
export type AuditPage = Schemas['AuditPage'];
export type AuditLabels = Schemas['AuditLabels'];
export type AuditFilter = Query<'/api/v1/audit', 'get'>;
export type CommunityAuditFilter = Query<'/api/v1/communities/{communityId}/audit', 'get'>;

/** The audit log, newest first: the platform's (admins) or one community's (operators). */
export interface AuditApi {
  list(filter?: AuditFilter): Promise<AuditPage>;
  ofCommunity(communityId: string, filter?: CommunityAuditFilter): Promise<AuditPage>;
}

export function auditApi(http: HttpClient): AuditApi {
  return {
    list: (filter = {}) => http.request('GET', '/api/v1/audit', { query: filter }),
    ofCommunity: (communityId, filter = {}) =>
      http.request('GET', `${communityPath(communityId)}/audit`, { query: filter }),
  };
}

import type { Query, Schemas } from '../contract';
import { communityPath } from '../contract';
import type { HttpClient } from '../http';

export type PointsPage = Schemas['PointsPage'];
export type PointsEntry = Schemas['PointsEntry'];
export type PointsQuery = Query<'/api/v1/communities/{communityId}/points/me', 'get'>;

/** My points in a community: balance and history, newest first. */
export interface PointsApi {
  mine(communityId: string, page?: PointsQuery): Promise<PointsPage>;
}

export function pointsApi(http: HttpClient): PointsApi {
  return {
    mine: (communityId, page = {}) =>
      http.request('GET', `${communityPath(communityId)}/points/me`, { query: page }),
  };
}

import type { Query, Schemas } from '../contract';
import { communityPath, seg } from '../contract';
import type { HttpClient } from '../http';
import type { Installation } from './installations';

/** One line of a schedule's run log. */
export type ScheduleRun = Schemas['ScheduleRun'];
export type ScheduleRunQuery = Query<'/api/v1/communities/{communityId}/schedule-runs', 'get'>;

/** Plugins' schedules in a community: switch them on or off, read what they did (operators). */
export interface SchedulesApi {
  /** Switches one schedule of an installation; answers the installation with its schedules. */
  setEnabled(
    communityId: string,
    pluginId: string,
    scheduleId: string,
    enabled: boolean,
  ): Promise<Installation>;
  runs(communityId: string, query: ScheduleRunQuery): Promise<ScheduleRun[]>;
}

export function schedulesApi(http: HttpClient): SchedulesApi {
  return {
    setEnabled: (communityId, pluginId, scheduleId, enabled) =>
      http.request(
        'PUT',
        `${communityPath(communityId)}/installations/${seg(pluginId)}/schedules/${seg(scheduleId)}`,
        { body: { enabled } },
      ),
    runs: async (communityId, query) =>
      (
        await http.request<{ items: ScheduleRun[] }>(
          'GET',
          `${communityPath(communityId)}/schedule-runs`,
          { query },
        )
      ).items,
  };
}

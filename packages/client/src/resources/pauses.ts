import type { Schemas } from '../contract';
import { communityPath, seg } from '../contract';
import type { HttpClient } from '../http';

/** Whether an action's guard pauses the caller: the day it opens again, or null. */
export type PauseAnswer = Schemas['PauseAnswer'];
export type PausedPerson = Schemas['PausedList']['items'][number];

/**
 * Pauses after repeated records (a create action's `guard`, e.g. bookings paused after
 * repeated no-shows). Its own module: the portal loads it only on a page that books.
 */
export interface PausesApi {
  /** The caller's pause of an action (or `forAccountId`'s, a family member they act for). */
  pause(
    communityId: string,
    pluginId: string,
    action: string,
    forAccountId?: string,
  ): Promise<PauseAnswer>;
  /** Who a guard pauses now and until when, for the roles that may lift it. */
  paused(communityId: string, pluginId: string, guard: string): Promise<PausedPerson[]>;
  /** Ends a person's pause early with a note (audited). */
  lift(
    communityId: string,
    pluginId: string,
    guard: string,
    accountId: string,
    note: string,
  ): Promise<void>;
}

export function pausesApi(http: HttpClient): PausesApi {
  const plugin = (communityId: string, pluginId: string) =>
    `${communityPath(communityId)}/plugins/${seg(pluginId)}`;
  return {
    pause: (communityId, pluginId, action, forAccountId) =>
      http.request('GET', `${plugin(communityId, pluginId)}/actions/${seg(action)}/pause`, {
        query: { for: forAccountId },
      }),
    paused: async (communityId, pluginId, guard) =>
      (
        await http.request<Schemas['PausedList']>(
          'GET',
          `${plugin(communityId, pluginId)}/guards/${seg(guard)}/paused`,
        )
      ).items,
    lift: async (communityId, pluginId, guard, accountId, note) => {
      await http.request('POST', `${plugin(communityId, pluginId)}/guards/${seg(guard)}/lift`, {
        body: { accountId, note },
      });
    },
  };
}

import type { HttpClient } from '@scene/client';
import { familyApi } from '@scene/client/family';
import { inboxApi } from '@scene/client/inbox';
import { pointsApi } from '@scene/client/points';
import { recordsApi } from '@scene/client/records';
import { runtimeApi } from '@scene/client/runtime';
import { sessionApi } from '@scene/client/session';
import { uploadsApi } from '@scene/client/uploads';

/**
 * The API resources the resident portal uses, for its one community. Built resource by resource
 * from their own modules so the portal's first load carries none of the studio's; a resource
 * one lazily loaded page alone uses (notice settings, closing the account) is built by that page.
 */
export function portalApi(http: HttpClient, communityId: string) {
  return {
    communityId,
    http,
    session: sessionApi(http),
    runtime: runtimeApi(http),
    records: recordsApi(http),
    uploads: uploadsApi(http),
    points: pointsApi(http),
    inbox: inboxApi(http),
    family: familyApi(http),
  };
}

export type PortalApi = ReturnType<typeof portalApi>;

import { HttpClient, type ClientOptions } from './http';
import { accountsApi } from './resources/accounts';
import { auditApi } from './resources/audit';
import { communitiesApi } from './resources/communities';
import { familyApi } from './resources/family';
import { inboxApi } from './resources/inbox';
import { installationsApi } from './resources/installations';
import { invitationsApi } from './resources/invitations';
import { membersApi } from './resources/members';
import { metricsApi } from './resources/metrics';
import { notificationsApi } from './resources/notifications';
import { operationsApi } from './resources/operations';
import { pointsApi } from './resources/points';
import { portalsApi } from './resources/portals';
import { privacyApi } from './resources/privacy';
import { recordsApi } from './resources/records';
import { registryApi } from './resources/registry';
import { runtimeApi } from './resources/runtime';
import { schedulesApi } from './resources/schedules';
import { sessionApi } from './resources/session';
import { tokensApi } from './resources/tokens';
import { uploadsApi } from './resources/uploads';

/**
 * Every resource over one HttpClient: for the studio, the CLI and the tests. The resident portal
 * builds only the resources it uses (each is its own module) to keep its first load small.
 */
export function createApi(options: ClientOptions | HttpClient = {}) {
  const http = options instanceof HttpClient ? options : new HttpClient(options);
  return {
    http,
    session: sessionApi(http),
    accounts: accountsApi(http),
    tokens: tokensApi(http),
    communities: communitiesApi(http),
    invitations: invitationsApi(http),
    members: membersApi(http),
    family: familyApi(http),
    registry: registryApi(http),
    installations: installationsApi(http),
    schedules: schedulesApi(http),
    portals: portalsApi(http),
    runtime: runtimeApi(http),
    records: recordsApi(http),
    uploads: uploadsApi(http),
    points: pointsApi(http),
    inbox: inboxApi(http),
    notifications: notificationsApi(http),
    privacy: privacyApi(http),
    audit: auditApi(http),
    metrics: metricsApi(http),
    operations: operationsApi(http),
  };
}

export type Api = ReturnType<typeof createApi>;

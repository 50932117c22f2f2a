import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { obj, s } from '../../http/schemas';
import type { AuditService } from './service';

const filters = { action: s.str(60), limit: s.limit(200, 50), cursor: s.str(80) };

export function auditRoutes(audit: AuditService): AnyRoute[] {
  return [
    defineRoute<{
      query: { communityId?: string; action?: string; limit: number; cursor?: string };
    }>()({
      method: 'get',
      path: '/api/v1/audit',
      summary: 'The platform audit log, newest first',
      tags: ['audit'],
      auth: auth.platform('admin'),
      query: obj({ communityId: s.communityId, ...filters }),
      handler: ({ query }) => audit.list(query),
    }),
    defineRoute<{
      params: { communityId: string };
      query: { action?: string; limit: number; cursor?: string };
    }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/audit',
      summary: "A community's audit log, newest first",
      tags: ['audit'],
      auth: auth.community('operator'),
      params: obj({ communityId: s.communityId }, ['communityId']),
      query: obj(filters),
      handler: ({ params, query }) => audit.list({ ...query, communityId: params.communityId }),
    }),
  ];
}

import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { json } from '../../http/responses';
import { obj, s } from '../../http/schemas';
import { auditPage } from './schemas';
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
      responses: { 200: json(auditPage) },
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
      responses: { 200: json(auditPage) },
      params: obj({ communityId: s.communityId }, ['communityId']),
      query: obj(filters),
      handler: ({ params, query }) => audit.list({ ...query, communityId: params.communityId }),
    }),
  ];
}

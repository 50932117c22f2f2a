import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { json } from '../../http/responses';
import { dateTime, obj, s } from '../../http/schemas';
import type { AuditLabeler } from './labels';
import { auditPage } from './schemas';
import type { AuditFilter, AuditService } from './service';

const filters = {
  action: s.str(60),
  actorId: s.str(64),
  from: dateTime,
  to: dateTime,
  limit: s.limit(200, 50),
  cursor: s.str(80),
};

type Filters = Omit<AuditFilter, 'communityId'>;

export function auditRoutes(audit: AuditService, labeler: AuditLabeler): AnyRoute[] {
  // A page comes with the names of the people, communities, plugins and roles it mentions.
  const labelled = async (filter: AuditFilter) => {
    const page = await audit.list(filter);
    return { ...page, labels: await labeler.labels(page.items) };
  };
  return [
    defineRoute<{ query: Filters & { communityId?: string } }>()({
      method: 'get',
      path: '/api/v1/audit',
      summary: 'The platform audit log, newest first',
      tags: ['audit'],
      auth: auth.platform('admin'),
      responses: { 200: json(auditPage) },
      query: obj({ communityId: s.communityId, ...filters }),
      handler: ({ query }) => labelled(query),
    }),
    defineRoute<{
      params: { communityId: string };
      query: Filters;
    }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/audit',
      summary: "A community's audit log, newest first",
      tags: ['audit'],
      auth: auth.community('operator'),
      responses: { 200: json(auditPage) },
      params: obj({ communityId: s.communityId }, ['communityId']),
      query: obj(filters),
      handler: ({ params, query }) => labelled({ ...query, communityId: params.communityId }),
    }),
  ];
}

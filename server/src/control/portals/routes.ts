import type { Portal } from '@scene/schema';
import { HttpError } from '../../http/errors';
import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { failure, json } from '../../http/responses';
import { communityParams, itemsOf, obj, s } from '../../http/schemas';
import {
  portalDiff,
  portalDraft,
  portalSchema,
  portalVersion,
  portalVersionSummary,
  publishedPortal,
  rolledBack,
  savedDraft,
  validationReport,
} from './schemas';
import type { PortalService } from './service';

const versionNumber = { type: 'integer', minimum: 1, maximum: 1_000_000 };
const portalBody = obj(
  {
    portal: {
      ...portalSchema,
      properties: { portalVersion: { const: 1 } },
      required: ['portalVersion'],
    },
  },
  ['portal'],
);

export function portalRoutes(portals: PortalService): AnyRoute[] {
  return [
    defineRoute<{ params: { communityId: string } }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/portal/draft',
      summary: "The community's portal draft; its ETag goes back as If-Match when saving",
      tags: ['portal'],
      auth: auth.community('operator'),
      responses: { 200: json(portalDraft, 'The draft; its ETag header is the same as `etag`') },
      params: communityParams,
      handler: async ({ params, res }) => {
        const draft = await portals.draft(params.communityId);
        res.setHeader('ETag', draft.etag);
        res.setHeader('Cache-Control', 'no-store');
        return draft;
      },
    }),
    defineRoute<{ params: { communityId: string }; body: { portal: Portal } }>()({
      method: 'put',
      path: '/api/v1/communities/:communityId/portal/draft',
      summary:
        'Save the draft (If-Match required; a stale ETag gets 412 with the current one and writes nothing)',
      tags: ['portal'],
      auth: auth.community('operator'),
      responses: {
        200: json(savedDraft, 'Saved, with what publishing would report'),
        412: failure('Stale ETag (`precondition_failed`, details.etag = current)'),
        428: failure('If-Match missing (`precondition_required`)'),
      },
      params: communityParams,
      body: portalBody,
      handler: async ({ actor, params, body, req, res }) => {
        const ifMatch = req.get('if-match');
        if (!ifMatch)
          throw new HttpError(
            428,
            'precondition_required',
            'Send the ETag of the draft you edited as If-Match.',
          );
        const saved = await portals.saveDraft(
          actor,
          params.communityId,
          body.portal,
          ifMatch.trim(),
        );
        res.setHeader('ETag', saved.etag);
        return saved;
      },
    }),
    defineRoute<{ params: { communityId: string } }>()({
      method: 'post',
      path: '/api/v1/communities/:communityId/portal/validate',
      summary: 'Check the draft as publishing would (errors and warnings), without publishing',
      tags: ['portal'],
      auth: auth.community('operator'),
      responses: { 200: json(validationReport) },
      params: communityParams,
      handler: async ({ params }) => {
        const draft = await portals.draft(params.communityId);
        return portals.validate(params.communityId, draft.portal);
      },
    }),
    defineRoute<{ params: { communityId: string }; body: { note?: string } }>()({
      method: 'post',
      path: '/api/v1/communities/:communityId/portal/publish',
      summary: 'Validate the draft and publish it as the next numbered version, made live at once',
      tags: ['portal'],
      auth: auth.community('operator'),
      responses: {
        201: json(publishedPortal, 'Published'),
        409: failure('Too many publishes at once took the next numbers (`conflict`)'),
        412: failure('If-Match given and stale (`precondition_failed`)'),
        422: failure('The portal has errors (`portal_invalid`; details = ValidationReport)'),
      },
      params: communityParams,
      body: obj({ note: s.str(200) }),
      handler: ({ actor, params, body, req }) =>
        portals.publish(actor, params.communityId, body, req.get('if-match')?.trim()),
    }),
    defineRoute<{ params: { communityId: string }; query: { limit: number } }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/portal/versions',
      summary: 'Published versions, newest first',
      tags: ['portal'],
      auth: auth.community('operator'),
      responses: { 200: json(itemsOf(portalVersionSummary)) },
      params: communityParams,
      query: obj({ limit: s.limit(500, 100) }),
      handler: async ({ params, query }) => ({
        items: await portals.versions(params.communityId, query.limit),
      }),
    }),
    defineRoute<{ params: { communityId: string; version: number } }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/portal/versions/:version',
      summary: 'One published version',
      tags: ['portal'],
      auth: auth.community('operator'),
      responses: { 200: json(portalVersion), 404: failure('No such version') },
      params: obj(
        { communityId: s.communityId, version: { type: 'string', pattern: '^[1-9][0-9]{0,6}$' } },
        ['communityId', 'version'],
      ),
      handler: ({ params }) => portals.version(params.communityId, Number(params.version)),
    }),
    defineRoute<{ params: { communityId: string }; query: { from: number; to: number } }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/portal/diff',
      summary: 'JSON-pointer diff between two published versions',
      tags: ['portal'],
      auth: auth.community('operator'),
      responses: { 200: json(portalDiff), 404: failure('No such version') },
      params: communityParams,
      query: obj({ from: versionNumber, to: versionNumber }, ['from', 'to']),
      handler: ({ params, query }) => portals.diff(params.communityId, query.from, query.to),
    }),
    defineRoute<{ params: { communityId: string }; body: { version: number } }>()({
      method: 'post',
      path: '/api/v1/communities/:communityId/portal/rollback',
      summary: 'Make an earlier published version live again',
      tags: ['portal'],
      auth: auth.community('operator'),
      responses: { 200: json(rolledBack, 'That version is live'), 404: failure('No such version') },
      params: communityParams,
      body: obj({ version: versionNumber }, ['version']),
      handler: ({ actor, params, body }) =>
        portals.rollback(actor, params.communityId, body.version),
    }),
  ];
}

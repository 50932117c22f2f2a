import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { empty, failure, json } from '../../http/responses';
import { communityParams } from '../../http/schemas';
import { runtimeBundle } from './schemas';
import type { RuntimeService } from './service';

/** True when an If-None-Match header lists one of these ETags (or `*`). */
function matches(header: string | undefined, etags: string[]): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || etags.includes(tag);
  });
}

const acceptsGzip = (header: string | undefined) => /\bgzip\b/.test(header ?? '');

export function runtimeRoutes(runtime: RuntimeService): AnyRoute[] {
  return [
    defineRoute<{ params: { communityId: string } }>()({
      method: 'get',
      path: '/api/v1/runtime/:communityId',
      summary:
        "The community's live portal and the manifests of the plugins it uses, in one bundle",
      tags: ['runtime'],
      auth: auth.public,
      responses: {
        200: json(runtimeBundle, 'The bundle (gzip when accepted), with a strong ETag'),
        304: empty('Not modified (If-None-Match)'),
        404: failure('Unknown community (`not_found`) or nothing published (`not_published`)'),
      },
      hot: true,
      params: communityParams,
      handler: async ({ params, req, res }) => {
        const bundle = await runtime.bundle(params.communityId);
        const gzip = acceptsGzip(req.headers['accept-encoding']);
        const etag = gzip ? bundle.gzipEtag : bundle.etag;
        // Served ahead of helmet (see `hot`): the headers that matter for a JSON answer.
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
        res.setHeader('ETag', etag);
        // Always revalidate: a publish must be visible at once; a 304 costs one tiny round trip.
        res.setHeader('Cache-Control', 'no-cache');
        res.setHeader('Vary', 'Accept-Encoding');
        // Either coding's tag names the same bundle, so either one revalidates it.
        if (matches(req.headers['if-none-match'], [bundle.etag, bundle.gzipEtag])) {
          res.status(304).end();
          return;
        }
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        if (gzip) res.setHeader('Content-Encoding', 'gzip');
        res.status(200).end(gzip ? bundle.gzip : bundle.body);
      },
    }),
  ];
}

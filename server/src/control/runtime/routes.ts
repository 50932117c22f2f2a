import type { IncomingMessage, ServerResponse } from 'node:http';
import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { empty, failure, json } from '../../http/responses';
import { communityParams, obj, s } from '../../http/schemas';
import { clientManifestSchema, runtimeBundle } from './schemas';
import { MAX_PROJECTION_SET, type RuntimeService } from './service';

// `pluginId:version:hash` (the version URL-encoded by the client, decoded by the query parser).
const setEntry = '[a-z][a-z0-9-]{0,29}\\.[a-z][a-z0-9-]{0,39}:[0-9A-Za-z.+-]{1,64}:[a-f0-9]{32}';

/** True when an If-None-Match header lists one of these ETags (or `*`). */
function matches(header: string | undefined, etags: string[]): boolean {
  if (!header) return false;
  // What a browser sends back: the one tag it was given (no list to split).
  if (etags.includes(header)) return true;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || etags.includes(tag);
  });
}

const acceptsGzip = (header: string | undefined) => /\bgzip\b/.test(header ?? '');

/**
 * Sends prepared JSON bytes (gzip when accepted), or 304 when the request names one of `etags`.
 * Hot routes are served ahead of helmet: these are the headers that matter for a JSON answer.
 */
function sendJson(
  req: IncomingMessage,
  res: ServerResponse,
  bytes: { body: Buffer; gzip: Buffer; etag: string; gzipEtag: string },
  cacheControl: string,
): void {
  const gzip = acceptsGzip(req.headers['accept-encoding']);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('ETag', gzip ? bytes.gzipEtag : bytes.etag);
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('Vary', 'Accept-Encoding');
  // Either coding's tag names the same document, so either one revalidates it.
  if (matches(req.headers['if-none-match'], [bytes.etag, bytes.gzipEtag])) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  res.statusCode = 200;
  res.end(gzip ? bytes.gzip : bytes.body);
}

const BUNDLE_PREFIX = '/api/v1/runtime/';
const communityIdPattern = new RegExp(String(s.communityId.pattern));

export function runtimeRoutes(runtime: RuntimeService): AnyRoute[] {
  return [
    // Before `/runtime/:communityId`, which would take `plugins` for a community id.
    defineRoute<{ query: { set: string } }>()({
      method: 'get',
      path: '/api/v1/runtime/plugins',
      summary:
        "Several plugin versions' client projections in one answer, by plugin id; the set names each one's content hash, so the answer is immutable",
      tags: ['runtime'],
      auth: auth.public,
      responses: {
        200: json(
          { type: 'object', additionalProperties: clientManifestSchema },
          'The projections by plugin id (gzip when accepted), cached for good',
        ),
        304: empty('Not modified (If-None-Match)'),
        404: failure('An entry names no plugin version, or not its projection'),
      },
      hot: true,
      query: obj(
        {
          set: {
            type: 'string',
            description:
              '`pluginId:version:hash` entries in plugin id order, comma-separated (as the bundle names them)',
            pattern: `^${setEntry}(,${setEntry}){0,${MAX_PROJECTION_SET - 1}}$`,
          },
        },
        ['set'],
      ),
      handler: async ({ query, req, res }) => {
        const set = await runtime.projectionSet(query.set);
        sendJson(
          req,
          res,
          { body: set.body, gzip: set.gzip, etag: `"${set.hash}"`, gzipEtag: `"${set.hash}-gzip"` },
          'public, max-age=31536000, immutable',
        );
      },
    }),
    defineRoute<{ params: { communityId: string } }>()({
      method: 'get',
      path: '/api/v1/runtime/:communityId',
      summary:
        "The community's live portal, and for each plugin it places the installed version, configuration and the hash of its client projection",
      tags: ['runtime'],
      auth: auth.public,
      responses: {
        200: json(runtimeBundle, 'The bundle (gzip when accepted), with a strong ETag'),
        304: empty('Not modified (If-None-Match)'),
        404: failure('Unknown community (`not_found`) or nothing published (`not_published`)'),
      },
      hot: true,
      params: communityParams,
      // Every page load asks, nearly always for a cached bundle: answered ahead of Express. Only
      // the plain path of a valid community id (no query, escapes or trailing slash; not
      // `plugins`, which is the projection set's path) when the bundle is cached and the feed
      // needs no catch-up; anything else takes the router and the handler below.
      front: (req) => {
        if (req.method !== 'GET' || !req.url?.startsWith(BUNDLE_PREFIX)) return undefined;
        const communityId = req.url.slice(BUNDLE_PREFIX.length);
        if (communityId === 'plugins' || !communityIdPattern.test(communityId)) return undefined;
        const cached = runtime.cachedBundle(communityId);
        return cached && ((res) => sendJson(req, res, cached, 'no-cache'));
      },
      handler: ({ params, req, res }) => {
        // Always revalidate: a publish must be visible at once; a 304 costs one tiny round trip.
        // Served in the request's own turn when cached (see the router): every page load asks.
        const cached = runtime.cachedBundle(params.communityId);
        if (cached) return sendJson(req, res, cached, 'no-cache');
        return runtime
          .bundle(params.communityId)
          .then((bundle) => sendJson(req, res, bundle, 'no-cache'));
      },
    }),
    defineRoute<{ params: { pluginId: string; version: string; hash: string } }>()({
      method: 'get',
      path: '/api/v1/runtime/plugins/:pluginId/:version/:hash',
      summary:
        "A plugin version's client projection (what a phone needs to draw its views), named by its content hash: immutable",
      tags: ['runtime'],
      auth: auth.public,
      responses: {
        200: json(clientManifestSchema, 'The projection (gzip when accepted), cached for good'),
        304: empty('Not modified (If-None-Match)'),
        404: failure('No such plugin version, or the hash does not name its projection'),
      },
      hot: true,
      params: obj(
        {
          pluginId: s.pluginId,
          version: s.semver,
          hash: { type: 'string', pattern: '^[a-f0-9]{32}$' },
        },
        ['pluginId', 'version', 'hash'],
      ),
      handler: async ({ params, req, res }) => {
        const p = await runtime.projection(params.pluginId, params.version, params.hash);
        sendJson(
          req,
          res,
          { body: p.body, gzip: p.gzip, etag: `"${p.hash}"`, gzipEtag: `"${p.hash}-gzip"` },
          'public, max-age=31536000, immutable',
        );
      },
    }),
  ];
}

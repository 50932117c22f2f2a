import express, { Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { FirstPages, type FirstPageData } from './first-page';
import type { ViewerSource } from './first-page-viewer';

export interface StaticAppsOptions {
  studioDist: string;
  portalDist: string;
}

/**
 * The community's runtime data, from the runtime's caches: what the portal page tells the
 * browser to fetch with the scripts (the bundle, its plugins' projections) and what the server
 * draws the first page from. Undefined when there is none (no such community, nothing published).
 */
export type PortalPageSource = (
  communityId: string,
) => Promise<(FirstPageData & { projectionsPath: string | undefined }) | undefined>;

/**
 * Serves the built studio at /studio/ and the resident portal at /c/:communityId/. Both are
 * single-page apps: any path under them answers with the app's index.html. Hashed assets are
 * cached for a year; index.html never, so a new build is picked up at once.
 */
export function staticApps(
  { studioDist, portalDist }: StaticAppsOptions,
  source: PortalPageSource,
  logger: Pick<Logger, 'warn'>,
  viewerOf: ViewerSource = () => Promise.resolve(undefined),
): Router {
  const router = Router();
  const firstPages = new FirstPages(portalDist, logger);
  firstPages.warm();
  const assets = { immutable: true, maxAge: '365d', index: false, fallthrough: false } as const;

  router.use('/studio/assets', express.static(join(studioDist, 'assets'), assets));
  router.get(['/studio', '/studio/{*rest}'], (req, res, next) => {
    if (req.path === '/studio') return res.redirect(301, '/studio/');
    sendIndex(res, studioDist, 'studio', next);
  });

  router.use('/c/assets', precompressed(join(portalDist, 'assets')));
  router.use('/c/assets', express.static(join(portalDist, 'assets'), assets));
  router.get(['/c/:communityId', '/c/:communityId/{*rest}'], async (req, res, next) => {
    const communityId = String(req.params.communityId);
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(communityId)) return next();
    if (req.path === `/c/${communityId}`) return res.redirect(301, `/c/${communityId}/`);
    const data = await source(communityId);
    // A session that cannot be read (the database away) costs the member their own page only.
    const viewer = data && (await viewerOf(req, communityId).catch(() => undefined));
    const firstPage = data && (await firstPages.page(req, communityId, data, viewer));
    // The portal needs its bundle and the plugin projections it names before it can draw
    // anything: let the browser fetch them while it is still loading the scripts. A page the
    // server drew carries the bundle in it already.
    const paths = [
      ...(firstPage ? [] : [`/api/v1/runtime/${communityId}`]),
      ...(data?.projectionsPath ? [data.projectionsPath] : []),
    ];
    if (paths.length)
      res.setHeader(
        'Link',
        paths.map((p) => `<${p}>; rel=preload; as=fetch; crossorigin=use-credentials`).join(', '),
      );
    if (!firstPage) return sendIndex(res, portalDist, 'resident portal', next);
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    // A member's page is theirs alone: no cache on the way or in the browser may keep it.
    res.setHeader('Cache-Control', firstPage.personal ? 'private, no-store' : 'no-cache');
    res.setHeader('Vary', 'Accept-Encoding, Cookie');
    res.type('html');
    if (gzip) res.setHeader('Content-Encoding', 'gzip');
    res.send(gzip ? firstPage.gzip : firstPage.body);
  });
  return router;
}

/**
 * Sends `<file>.gz` (written by the runtime build) with `Content-Encoding: gzip` to browsers
 * that accept it; everything else falls through to express.static.
 */
function precompressed(dir: string): express.RequestHandler {
  const types: Record<string, string> = {
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
  };
  return (req, res, next) => {
    const ext = /\.(js|css)$/.exec(req.path)?.[0];
    if (!ext || !/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return next();
    const name = req.path.replace(/^\/+/, '');
    if (!/^[A-Za-z0-9._-]+$/.test(name) || !existsSync(join(dir, `${name}.gz`))) return next();
    res.setHeader('Content-Type', types[ext]!);
    res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.sendFile(join(dir, `${name}.gz`), (err) => err && next(err));
  };
}

function sendIndex(
  res: express.Response,
  dist: string,
  what: string,
  next: express.NextFunction,
): void {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) {
    res
      .status(503)
      .type('text/plain')
      .send(`The ${what} has not been built yet. Run \`pnpm build\` (npm start does it for you).`);
    return;
  }
  res.setHeader('Cache-Control', 'no-cache');
  res.sendFile(index, (err) => err && next(err));
}

import express, { type Express } from 'express';
import type { Connection } from 'mongoose';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { Config } from './config';
import { healthRoutes } from './health/routes';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { securityHeaders } from './http/security';
import { verifyUtf8Body } from './http/text';
import { staticApps, type StaticAppsOptions } from './http/static-apps';
import { firstPageViewer } from './http/first-page-viewer';
import type { AnswerProblem } from './http/answer-check';
import { mountRoutes, mountRoutesOn, serveFromMemoryFirst, type MountOptions } from './http/router';
import { apiRoutes } from './routes';
import { createServices, type Services } from './services';

export interface AppParts {
  config: Config;
  connection: Connection;
  logger: Logger;
  /** Where the built front ends are; tests may leave them unbuilt. */
  staticDirs: StaticAppsOptions;
  /** Extra facts for /healthz (the development launcher reports the local database's disk use). */
  health?: () => Record<string, unknown>;
  /**
   * Check every answer against the API contract (default: under `NODE_ENV=test`). Benchmarks
   * turn it off to measure what production serves.
   */
  checkAnswers?: boolean;
  /** Tests: told of every answer that breaks the contract. */
  onAnswerProblem?: (problem: AnswerProblem) => void;
}

/** Wires the parts together; no I/O happens here, so tests build as many apps as they like. */
export function createApp(parts: AppParts): Express {
  return createAppWithServices(parts).app;
}

/** The app and the services behind it (seeds and tests use the services directly). */
export function createAppWithServices(parts: AppParts): { app: Express; services: Services } {
  const { config, connection, logger, staticDirs, health, onAnswerProblem } = parts;
  const checkAnswers = parts.checkAnswers ?? config.mode === 'test';
  const services = createServices({ config, connection, logger });
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');
  const routes = apiRoutes(services, config);
  const mount: MountOptions = checkAnswers
    ? {
        // Tests log nothing by default; a broken contract must still be seen.
        checkAnswers: (problem) => {
          console.error('undocumented response', problem);
          onAnswerProblem?.(problem);
        },
      }
    : {};
  // Hot routes (the runtime bundle) come first and sit on the app itself: no per-request
  // logging or helmet work, and no nested router to pass through (each level re-matches and
  // rewrites the path, a cost every page load paid).
  const hot = routes.filter((r) => r.hot);
  mountRoutesOn(app, hot, services.callers, mount);
  // And what they can answer from memory is answered before Express even sets the request up.
  serveFromMemoryFirst(app, hot, mount);
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => req.url === '/healthz' },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
    }),
  );
  app.use(securityHeaders(config));
  app.use(express.json({ limit: config.bodyLimit, strict: true, verify: verifyUtf8Body }));

  app.use(healthRoutes(connection, health));
  app.use(
    mountRoutes(
      routes.filter((r) => !r.hot),
      services.callers,
      mount,
    ),
  );
  // The portal page is drawn from the runtime's caches (and reading them warms them for the
  // requests a page the server did not draw makes next).
  app.use(
    staticApps(
      staticDirs,
      async (communityId) => {
        const got = await services.runtime.withProjections(communityId).catch(() => undefined);
        if (!got) return undefined;
        const { bundle, projections } = got;
        return {
          runtime: bundle.body,
          etag: bundle.etag,
          projections,
          projectionsPath: bundle.projectionsPath,
        };
      },
      logger,
      firstPageViewer(services),
    ),
  );

  app.use(notFoundHandler);
  app.use(errorHandler);
  return { app, services };
}

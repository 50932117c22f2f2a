import type { Express } from 'express';
import type { Connection } from 'mongoose';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { createLogger } from '../logger';

/** An app on the given test database with front ends unbuilt and logging off. */
export function createTestApp(connection: Connection): Express {
  const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(32) });
  return createApp({
    config,
    connection,
    logger: createLogger(config),
    staticDirs: { studioDist: '/nonexistent/studio', portalDist: '/nonexistent/portal' },
  });
}

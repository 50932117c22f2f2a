import mongoose from 'mongoose';
import { loadConfig } from '../config';
import type { JsonSchema } from '../http/validation';
import { buildOpenApi } from '../http/openapi';
import { createLogger } from '../logger';
import { apiRoutes } from '../routes';
import { createServices } from '../services';
import { PLATFORM_VERSION } from '../version';

/**
 * The OpenAPI document of every route, built without a database: the route list only needs the
 * services' shapes, so they are built over a connection that is never opened.
 */
export function contractDocument(): JsonSchema {
  const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(32) });
  const connection = mongoose.createConnection();
  const services = createServices({ config, connection, logger: createLogger(config) });
  return buildOpenApi(apiRoutes(services, config), PLATFORM_VERSION);
}

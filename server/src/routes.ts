import type { Config } from './config';
import { controlRoutes } from './control';
import { dataRoutes } from './data';
import { buildOpenApi } from './http/openapi';
import {
  BuildService,
  buildRoutes,
  OperationsService,
  operationsRoutes,
  reportRoutes,
} from './operations';
import { json } from './http/responses';
import { auth, defineRoute, type AnyRoute } from './http/route';
import type { Services } from './services';
import { PLATFORM_VERSION } from './version';

/** Every API route, in one list: the router mounts it and the OpenAPI document describes it. */
export function apiRoutes(services: Services, config: Config): AnyRoute[] {
  const routes: AnyRoute[] = [
    ...controlRoutes(services, config),
    ...dataRoutes(services.dataPlane, services.callers, config),
    ...operationsRoutes(new OperationsService(services)),
    ...reportRoutes(services.reports, new OperationsService(services), services.regions),
    ...buildRoutes(new BuildService(services)),
  ];
  let openapi: string | undefined;
  routes.push(
    defineRoute()({
      method: 'get',
      path: '/api/v1/openapi.json',
      summary: 'This API as an OpenAPI 3.1 document',
      tags: ['meta'],
      auth: auth.public,
      database: false,
      responses: { 200: json({ type: 'object' }, 'The OpenAPI 3.1 document') },
      handler: ({ res }) => {
        openapi ??= JSON.stringify(buildOpenApi(routes, PLATFORM_VERSION));
        res.type('application/json').send(openapi);
      },
    }),
  );
  return routes;
}

import { auditRoutes } from './audit/routes';
import { authRoutes } from './auth/routes';
import { memberRoutes } from './communities/member-routes';
import { communityRoutes } from './communities/routes';
import type { Config } from './config';
import { installationRoutes } from './installations/routes';
import { portalRoutes } from './portals/routes';
import { registryRoutes } from './registry/routes';
import { runtimeRoutes } from './runtime/routes';
import { buildOpenApi } from './http/openapi';
import { auth, defineRoute, type AnyRoute } from './http/route';
import { dataPlaneRoutes } from './records/data-plane-routes';
import type { Services } from './services';
import { PLATFORM_VERSION } from './version';

/** Every API route, in one list: the router mounts it and the OpenAPI document describes it. */
export function apiRoutes(services: Services, config: Config): AnyRoute[] {
  const routes: AnyRoute[] = [
    ...authRoutes(services.auth, config),
    ...communityRoutes(services.communities, services.invitations),
    ...memberRoutes(services.members),
    ...auditRoutes(services.audit),
    ...registryRoutes(services.registry),
    ...installationRoutes(services.installations),
    ...portalRoutes(services.portals),
    ...runtimeRoutes(services.runtime),
    ...dataPlaneRoutes(services.dataPlane, services.callers),
  ];
  let openapi: string | undefined;
  routes.push(
    defineRoute()({
      method: 'get',
      path: '/api/v1/openapi.json',
      summary: 'This API as an OpenAPI 3.1 document',
      tags: ['meta'],
      auth: auth.public,
      handler: ({ res }) => {
        openapi ??= JSON.stringify(buildOpenApi(routes, PLATFORM_VERSION));
        res.type('application/json').send(openapi);
      },
    }),
  );
  return routes;
}

import type { CallerResolver } from '../http/router';
import type { AnyRoute } from '../http/route';
import { jobRoutes } from '../jobs/routes';
import { metricsRoutes } from '../metrics/routes';
import { inboxRoutes } from '../notifications/routes';
import { pointsRoutes } from '../points/routes';
import { privacyRoutes } from '../privacy/routes';
import { uploadRoutes } from '../uploads/routes';
import type { DataPlane } from './data-plane';
import { recordRoutes } from './routes';

/** Every data-plane route (see /work/coord/dataplane-api.md for the shapes). */
export function dataPlaneRoutes(dp: DataPlane, callers: CallerResolver): AnyRoute[] {
  return [
    ...recordRoutes(dp, callers),
    ...uploadRoutes(dp),
    ...pointsRoutes(dp),
    ...inboxRoutes(dp),
    ...privacyRoutes(dp),
    ...metricsRoutes(dp),
    ...jobRoutes(dp),
  ];
}

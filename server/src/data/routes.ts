import type { Config } from '../config';
import type { CallerResolver } from '../http/router';
import type { AnyRoute } from '../http/route';
import { aggregateRoutes } from './aggregates/routes';
import { jobRoutes } from './jobs/routes';
import { metricsRoutes } from './metrics/routes';
import { pauseRoutes } from './pauses/routes';
import { peopleRoutes } from './people/routes';
import { inboxRoutes } from './notifications/routes';
import { notificationSettingsRoutes } from './notifications/settings-routes';
import type { DataPlane } from './plane';
import { pointsRoutes } from './points/routes';
import { privacyRoutes } from './privacy/routes';
import { recordRoutes } from './records/routes';
import { resultsRoutes } from './results/routes';
import { scheduleRoutes } from './schedules/routes';
import { uploadRoutes } from './uploads/routes';

/** Every data-plane route. */
export function dataRoutes(
  dp: DataPlane,
  callers: CallerResolver,
  config: Pick<Config, 'mode'>,
): AnyRoute[] {
  return [
    ...recordRoutes(dp, callers, config),
    ...peopleRoutes(dp),
    ...pauseRoutes(dp),
    ...uploadRoutes(dp),
    ...pointsRoutes(dp),
    ...inboxRoutes(dp),
    ...notificationSettingsRoutes(dp),
    ...privacyRoutes(dp, config),
    ...metricsRoutes(dp),
    ...aggregateRoutes(dp),
    ...resultsRoutes(dp),
    ...jobRoutes(dp),
    ...scheduleRoutes(dp),
  ];
}

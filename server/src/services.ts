import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { Config } from './config';
import { createControlPlane, ensureControlIndexes } from './control';
import { DataPlane, ensureDataPlaneIndexes, recordsLifecycle, ScheduleRunner } from './data';
import { DomainEvents } from './events';

export interface ServiceParts {
  config: Config;
  connection: Connection;
  logger: Logger;
}

/**
 * The composition root: the control plane, then the data plane over it, and what follows from
 * what (the subscriptions below are the only ones). No I/O happens here.
 */
export function createServices({ config, connection, logger }: ServiceParts) {
  const events = new DomainEvents(logger);
  const control = createControlPlane({
    config,
    connection,
    logger,
    events,
    recordsLifecycle: recordsLifecycle(connection),
  });
  const dataPlane = new DataPlane({
    connection,
    installations: control.installations,
    communities: control.communities,
    models: control.models,
    audit: control.audit,
    accounts: control.auth,
    uploadLimits: config.uploadLimits,
  });

  // Plugins' schedules; started by the process (server.ts), never by building the services.
  const scheduleRunner = new ScheduleRunner(dataPlane, control.schedules, {
    tickMs: config.scheduleTickMs,
    onError: (err, where) => logger.error({ err, where }, 'schedule run failed'),
  });

  // A new community gets every approved standard plugin before `create` answers.
  events.on('community.created', ({ communityId }) =>
    control.installations.ensureStandard(communityId),
  );
  // Publish, rollback, installation and community changes: this process drops the bundle now;
  // other processes see the new pointer on their next check (runtime/service.ts).
  events.on('runtime.changed', ({ communityId }) => control.runtime.invalidate(communityId));
  // Installations, configuration, time zones and switches decide what the runner runs.
  events.on('runtime.changed', () => scheduleRunner.invalidate());
  events.on('schedules.changed', () => scheduleRunner.invalidate());

  return { ...control, events, dataPlane, scheduleRunner };
}
export type Services = ReturnType<typeof createServices>;

/**
 * Builds every declared index of both planes (unique ones carry rules). Run at start by main.ts
 * and by the test helpers; never implicitly (autoIndex is off).
 */
export async function ensureIndexes(connection: Connection): Promise<void> {
  await ensureControlIndexes(connection);
  await ensureDataPlaneIndexes(connection);
}

import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { Config } from './config';
import { createControlPlane, ensureControlIndexes } from './control';
import { DataPlane, ensureDataPlaneIndexes, recordsLifecycle } from './data';
import { DomainEvents } from './events';
import { ChangeFeed, type Change } from './events/feed';

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
  const feed = new ChangeFeed({ connection, logger, pollMs: config.changeFeedPollMs });
  const control = createControlPlane({
    config,
    connection,
    logger,
    events,
    feed,
    recordsLifecycle: recordsLifecycle(connection),
  });
  const dataPlane = new DataPlane({
    connection,
    installations: control.installations,
    models: control.models,
    audit: control.audit,
    accounts: control.auth,
    uploadLimits: config.uploadLimits,
  });

  // A new community gets every approved standard plugin before `create` answers.
  events.on('community.created', ({ communityId }) =>
    control.installations.ensureStandard(communityId),
  );
  // Publish, rollback, installation and community changes: this process drops what it cached
  // now; every other process when it next reads the change feed (within a poll).
  const forget = (change: Change | undefined) => {
    control.runtime.invalidate(change?.communityId);
    if (!change || change.reason === 'installation.changed')
      control.installations.invalidate(change?.communityId);
  };
  events.on('runtime.changed', async (change) => {
    forget(change);
    await feed.append(change);
  });
  feed.onChange(forget);

  return { ...control, events, feed, dataPlane };
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

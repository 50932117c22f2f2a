import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { Config } from './config';
import { createControlPlane, ensureControlIndexes } from './control';
import {
  DataPlane,
  DEFAULT_WORKER,
  ensureDataPlaneIndexes,
  recordsLifecycle,
  ScheduleRunner,
} from './data';
import { DomainEvents } from './events';
import { ChangeFeed, type Change } from './events/feed';
import { MonthlyReports } from './operations/reports/service';
import { RollupWriter } from './operations/rollups/writer';
import { RegionViews } from './operations/region-views';
import { CommunityFigures } from './operations/community';

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
    communities: control.communities,
    models: control.models,
    accountChanges: control.accountChanges,
    households: control.households,
    audit: control.audit,
    participationSecret: config.participationSecret,
    notify: {
      ...DEFAULT_WORKER,
      pollMs: config.notifyPollMs,
      webhook: {
        ...DEFAULT_WORKER.webhook,
        retryBaseMs: config.webhookRetryBaseMs,
        allowPrivate: config.webhookAllowPrivate,
      },
    },
    accounts: {
      confirmPassword: (actor, password, address) =>
        control.auth.confirmPassword(actor, password, address),
      // Family links go with the account (the other person keeps nothing pointing at it).
      closeAccount: async (actor) => {
        await control.households.forgetAccount(actor.accountId);
        await control.auth.closeAccount(actor);
      },
    },
    uploadLimits: config.uploadLimits,
  });

  // Plugins' schedules; started by the process (server.ts), never by building the services.
  const scheduleRunner = new ScheduleRunner(dataPlane, control.schedules, {
    tickMs: config.scheduleTickMs,
    onError: (err, where) => logger.error({ err, where }, 'schedule run failed'),
  });

  // Daily roll-ups of the operations metrics; started by the process (server.ts) like schedules.
  const rollups = new RollupWriter({ ...control, dataPlane }, config.rollupTickMs, (err) =>
    logger.error({ err }, 'daily roll-up failed'),
  );
  // After the roll-ups, each region node's dashboards are built once for the periods they open on.
  const regionViews = new RegionViews({ ...control, dataPlane, rollups });
  rollups.afterPass = () => regionViews.buildAll();

  // A new community gets every approved standard plugin before `create` answers.
  events.on('community.created', ({ communityId }) =>
    control.installations.ensureStandard(communityId),
  );
  // Publish, rollback, installation and community changes: this process drops what it cached
  // now; every other process when it next reads the change feed (within a poll). Installations,
  // configuration, time zones and switches also decide what the schedule runner runs.
  const forget = (change: Change | undefined) => {
    // Account and registry changes are the caller cache's and the registry's (each listens to
    // the feed itself).
    if (change?.reason === 'account.changed' || change?.reason === 'registry.changed') return;
    control.runtime.invalidate(change?.communityId);
    if (change?.reason !== 'installation.changed')
      control.regions.directory.forget(change?.communityId);
    if (!change || change.reason === 'installation.changed')
      control.installations.invalidate(change?.communityId);
    scheduleRunner.invalidate();
  };
  events.on('runtime.changed', async (change) => {
    forget(change);
    await feed.append(change);
  });
  feed.onChange(forget);
  // A schedule switch is stored on the installation: its cached copies go the same way.
  events.on('schedules.changed', async ({ communityId }) => {
    const change: Change = { communityId, reason: 'installation.changed' };
    forget(change);
    await feed.append(change);
  });

  // The community dashboards' figures: roll-ups, and the days after them counted in the background.
  const figures = new CommunityFigures(
    { ...control, dataPlane, rollups },
    config.dashboardWaitMs,
    (err) => logger.error({ err }, 'counting a community dashboard failed'),
  );
  const base = { ...control, events, feed, dataPlane, scheduleRunner, rollups, figures };
  // Monthly reports, frozen on the 1st; started by the process (server.ts) like the roll-ups.
  const reports = new MonthlyReports(base, config.rollupTickMs, (err) =>
    logger.error({ err }, 'freezing monthly reports failed'),
  );
  return { ...base, reports };
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

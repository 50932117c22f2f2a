import type { Server } from 'node:http';
import { createAppWithServices } from './app';
import type { Config } from './config';
import { connect } from './db/connection';
import { createLogger } from './logger';
import { defaultStaticDirs } from './paths';
import { seedDemo, type SeedSummary } from './seeds/demo';
import { ensureIndexes } from './services';

const SESSION_SWEEP_MS = 3600_000;

export interface ServerOptions {
  /** Runs after the HTTP server and the database connection closed (e.g. stop a local database). */
  onStop?: () => Promise<void>;
  /** Extra facts for /healthz, e.g. the local database's size on disk. */
  health?: () => Record<string, unknown>;
}

/**
 * Runs the platform in this process: connects to `config.mongoUri`, builds indexes, seeds demo
 * data in development, listens, and shuts down cleanly on SIGINT/SIGTERM. Where the database
 * comes from is the caller's business (main.ts in production, scripts/dev-platform.ts locally).
 */
export async function startServer(config: Config, options: ServerOptions = {}): Promise<Server> {
  if (!config.mongoUri) throw new Error('startServer needs config.mongoUri');
  const logger = createLogger(config);
  const connection = await connect(config.mongoUri, config.dbName, {
    timeoutMs: config.dbTimeoutMs,
  });
  await ensureIndexes(connection);
  const { app, services } = createAppWithServices({
    config,
    connection,
    logger,
    staticDirs: defaultStaticDirs,
    health: options.health,
  });
  // Demo data only in development; production and tests never seed (seedDemo refuses anyway).
  const seeded = config.mode === 'development' ? await seedDemo(services, config) : undefined;
  // Notices to whole roles and webhook deliveries go out in the background.
  services.dataPlane.notifications.start();

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  printBanner(config.publicUrl.replace(`:${config.port}`, `:${port}`), seeded);
  if (config.scheduleTickMs > 0) services.scheduleRunner.start();
  if (config.rollupTickMs > 0) services.rollups.start();
  // The demo's reports of last month exist on first sight; elsewhere they are frozen on the 1st.
  if (config.rollupTickMs > 0) services.reports.start(seeded !== undefined);
  // Sessions whose owners never came back: one pass now and every hour, never per request.
  const sweepSessions = () =>
    services.auth
      .removeExpiredSessions()
      .catch((err: unknown) => logger.warn({ err }, 'removing expired sessions failed'));
  void sweepSessions();
  const sessionSweep = setInterval(sweepSessions, SESSION_SWEEP_MS);
  sessionSweep.unref();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    server.close();
    server.closeIdleConnections();
    clearInterval(sessionSweep);
    services.feed.stop();
    await services.dataPlane.notifications.stop();
    await services.scheduleRunner.stop().catch(() => {});
    await services.rollups.stop().catch(() => {});
    await services.reports.stop().catch(() => {});
    await connection.close().catch(() => {});
    await options.onStop?.().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  return server;
}

function printBanner(base: string, seeded?: SeedSummary): void {
  const lines = [
    '',
    'Scene Platform is running.',
    `  Studio:          ${base}/studio/`,
    `  API (OpenAPI):   ${base}/api/v1/openapi.json`,
    `  Health:          ${base}/healthz`,
  ];
  if (seeded) {
    lines.push('', 'Demo communities (resident portals):');
    for (const c of seeded.communities) {
      lines.push(
        `  ${c.name.padEnd(8, '　')} ${base}/c/${c.id}/   invitation code: ${c.invitationCode}`,
      );
    }
    for (const a of seeded.activity)
      lines.push(`  ${a.communityId}: ${a.records} records of demo activity for the dashboards`);
    lines.push('', 'Demo log-ins (development only):');
    for (const a of seeded.accounts) {
      const where = a.communityId ? ` @ ${a.communityId}` : '';
      lines.push(`  ${a.username.padEnd(18)} ${a.password.padEnd(20)} ${a.role}${where}`);
    }
  }
  lines.push('');
  console.log(lines.join('\n'));
}

import { startDatabase, type DatabaseServer } from '@scene/devdb';
import type { Server } from 'node:http';
import { createAppWithServices } from './app';
import { ConfigError, loadConfig } from './config';
import { connect } from './db/connection';
import { ensureIndexes } from './db/models';
import { seedDemo, type SeedSummary } from './seeds/demo';
import { createLogger } from './logger';
import { defaultStaticDirs, repoPath } from './paths';

/** The process: reads config, brings up the database, listens, and shuts down cleanly. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  let database: DatabaseServer | undefined;
  if (!config.mongoUri) {
    database = await startDatabase({
      dataDir: repoPath(config.dataDir),
      log: (line) => logger.info(line),
    });
  }
  const uri = config.mongoUri ?? database!.uri;
  const connection = await connect(uri, config.dbName);
  await ensureIndexes(connection);
  const { app, services } = createAppWithServices({
    config,
    connection,
    logger,
    staticDirs: defaultStaticDirs,
  });
  // Demo data only in development; production and tests never seed (seedDemo refuses anyway).
  const seeded = config.mode === 'development' ? await seedDemo(services, config) : undefined;

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const base = config.publicUrl.replace(`:${config.port}`, `:${port}`);
  printBanner(base, seeded);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    server.close();
    server.closeIdleConnections();
    await connection.close().catch(() => {});
    await database?.stop().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
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
    lines.push('', 'Demo log-ins (development only):');
    for (const a of seeded.accounts) {
      const where = a.communityId ? ` @ ${a.communityId}` : '';
      lines.push(`  ${a.username.padEnd(18)} ${a.password.padEnd(20)} ${a.role}${where}`);
    }
  }
  lines.push('');
  console.log(lines.join('\n'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || (err as Error)?.name === 'DatabaseUnavailableError') {
    console.error(`\n${(err as Error).message}\n`);
  } else {
    console.error(err);
  }
  process.exit(1);
});

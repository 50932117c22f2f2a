import { startDatabase, type DatabaseServer } from '@scene/devdb';
import type { Server } from 'node:http';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { connect } from './db/connection';
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
  const app = createApp({ config, connection, logger, staticDirs: defaultStaticDirs });

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const base = config.publicUrl.replace(`:${config.port}`, `:${port}`);
  printBanner(base);

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

function printBanner(base: string): void {
  const lines = [
    '',
    'Scene Platform is running.',
    `  Studio:          ${base}/studio/`,
    `  Health:          ${base}/healthz`,
    '',
  ];
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

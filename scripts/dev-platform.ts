// The platform for development, demos and the browser tests: a local database (MONGODB_URI when
// set; otherwise a `mongod` on the PATH or FerretDB, kept in DATA_DIR), then the server with demo
// data. Production runs server/src/main.ts (built: server/dist/main.js) against its own MongoDB
// and never imports this. `npm start` and the browser tests run it built (server/dist/).
import { startDatabase, DatabaseUnavailableError } from '@scene/devdb';
import { ConfigError, loadConfig, repoPath, startServer } from '@scene/server';

async function devPlatform(): Promise<void> {
  process.env.NODE_ENV ??= 'development';
  const config = loadConfig();
  if (config.mode === 'production') {
    throw new ConfigError(
      'NODE_ENV=production: run server/src/main.ts with MONGODB_URI; the development launcher never starts a throw-away database in production.',
    );
  }
  const database = await startDatabase({
    dataDir: repoPath(config.dataDir),
    log: (line) => console.log(line),
  });
  await startServer(
    { ...config, mongoUri: database.uri },
    {
      onStop: () => database.stop(),
      health: () => (database.diskUsage ? { localDatabase: database.diskUsage() } : {}),
    },
  );
}

devPlatform().catch((err: unknown) => {
  const known = err instanceof ConfigError || err instanceof DatabaseUnavailableError;
  console.error(known ? `\n${(err as Error).message}\n` : err);
  process.exit(1);
});

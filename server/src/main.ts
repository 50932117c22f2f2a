import { ConfigError, loadConfig } from './config';
import { startServer } from './server';

/**
 * The production process: configuration from the environment, a database the operator runs.
 * This entry never starts a database of its own (that is `npm start`'s job, for development).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.mongoUri) {
    throw new ConfigError(
      'MONGODB_URI is not set. Point it at your MongoDB (a replica set in production), e.g.\n' +
        '  pnpm --filter @scene/server build\n' +
        '  MONGODB_URI=mongodb://db1,db2,db3/?replicaSet=rs0 pnpm --filter @scene/server start\n' +
        'For development, `npm start` starts a local database and sets it for you.',
    );
  }
  await startServer(config);
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? `\n${err.message}\n` : err);
  process.exit(1);
});

// CLI: `pnpm --filter @scene/server exec tsx src/jobs/retention.ts` purges records past their
// retention period in the configured database (MONGODB_URI, MONGODB_DB). Safe to run twice.
import { loadConfig } from '../../config';
import { connect } from '../../db/connection';
import { runRetention } from './retention-job';

const config = loadConfig();
if (!config.mongoUri) {
  console.error('Set MONGODB_URI to the database to purge.');
  process.exit(2);
}
const connection = await connect(config.mongoUri, config.dbName);
try {
  const report = await runRetention(connection.db!);
  console.log(JSON.stringify(report, null, 2));
} finally {
  await connection.close();
}

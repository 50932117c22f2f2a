// A server process of its own for schedules.test.ts: its own connection, the services built as
// main.ts builds them, and its schedule runner drained at the clock the test gives. Two of these
// started at once are what "two server processes" means for exactly-once: nothing in memory is
// shared, only the database.
//   node --import tsx runner-process.fixture.ts <mongoUri> <dbName> <now ISO>
import { loadConfig } from '../../config';
import { connect } from '../../db/connection';
import { createLogger } from '../../logger';
import { createServices } from '../../services';

const [uri, dbName, now] = process.argv.slice(2);
if (!uri || !dbName || !now) throw new Error('usage: runner-process.fixture.ts <uri> <db> <now>');
const connection = await connect(uri, dbName, { timeoutMs: 30_000 });
const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(32), LOG_LEVEL: 'warn' });
const services = createServices({ config, connection, logger: createLogger(config) });
services.dataPlane.now = () => new Date(now);
await services.scheduleRunner.drain();
services.feed.stop();
await connection.close();
process.stdout.write(`${JSON.stringify({ pid: process.pid, done: true })}\n`);
process.exit(0);

import { randomBytes } from 'node:crypto';

/** A unique database name for one test file, so files can run in parallel on one server. */
export function testDatabaseName(label = 'test'): string {
  const safe = label.replace(/[^a-zA-Z0-9]/g, '_').slice(-24);
  return `t_${safe}_${randomBytes(4).toString('hex')}`;
}

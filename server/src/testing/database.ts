import { injectMongoUri, testDatabaseName } from '@scene/devdb/testing';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll } from 'vitest';
import { connect } from '../db/connection';
import { recordFilters, type SentFilter } from './command-log';

/**
 * Gives a test file its own throw-away database on the run's shared server (started by the
 * global setup), so files run in parallel without seeing each other's data.
 */
export function useTestDatabase(
  label = 'server',
  options: {
    /** Records there the filter of every command the connection sends (command-log.ts). */
    sent?: SentFilter[];
  } = {},
): { connection: () => Connection } {
  let connection: Connection | undefined;
  beforeAll(async () => {
    // A generous deadline: the run's shared database may be slow on a loaded machine.
    connection = await connect(injectMongoUri(), testDatabaseName(label), {
      timeoutMs: 30_000,
      monitorCommands: options.sent !== undefined,
    });
    if (options.sent) recordFilters(connection.getClient(), options.sent);
  });
  afterAll(async () => {
    if (!connection) return;
    await connection.dropDatabase().catch(() => {});
    await connection.close();
  });
  return {
    connection: () => {
      if (!connection) throw new Error('useTestDatabase: the database is not connected yet');
      return connection;
    },
  };
}

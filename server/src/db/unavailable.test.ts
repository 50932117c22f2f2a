import { spawnSync } from 'node:child_process';
import { startDatabase, type DatabaseServer } from '@scene/devdb';
import { databasePid } from '@scene/devdb/testing';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';
import { connect } from './connection';

// A database of this file's own (not the run's shared one), so it can be frozen and stopped.
describe('a stalled or dead database', () => {
  let db: DatabaseServer;
  let connection: Connection;
  let t: TestServer;
  const port = () => Number(new URL(db.uri).port);

  beforeAll(async () => {
    db = await startDatabase({ env: { ...process.env, MONGODB_URI: '' } });
    connection = await connect(db.uri, 'unavailable', { timeoutMs: 2_000 });
    t = await startTestServer(connection);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await connection?.close().catch(() => {});
    await db?.stop();
  });

  const timed = async (path: string) => {
    const t0 = Date.now();
    const res = await t.call('GET', path);
    return { ...res, ms: Date.now() - t0 };
  };

  it('answers 503 with Retry-After within seconds while the database is frozen, then recovers', async () => {
    expect((await timed('/api/v1/runtime/nowhere')).status).toBe(404);
    const pid = databasePid(port())!;
    process.kill(pid, 'SIGSTOP');
    try {
      // The signal is asynchronous: wait until the process is really stopped (state T).
      const state = () => spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' });
      const deadline = Date.now() + 5_000;
      while (!state().stdout.trim().startsWith('T') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(state().stdout.trim()).toMatch(/^T/);
      const frozen = await timed('/api/v1/runtime/nowhere');
      expect(frozen.status).toBe(503);
      expect(frozen.headers.get('retry-after')).toBe('5');
      expect(frozen.json.error.code).toBe('database_unavailable');
      // The portal shows `details.message`: busy, not "check your network".
      expect(frozen.json.error.details.message['zh-CN']).toBe('服务暂时繁忙，请几秒后重试。');
      expect(frozen.ms).toBeLessThan(8_000);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    // Back to normal once it answers again: wait for the outcome, not a fixed time.
    const deadline = Date.now() + 30_000;
    let status = 0;
    while (Date.now() < deadline && status !== 404)
      status = (await timed('/api/v1/runtime/nowhere')).status;
    expect(status).toBe(404);
  }, 60_000);

  it('answers 503 within seconds when the database is gone', async () => {
    await db.stop();
    const gone = await timed('/api/v1/runtime/nowhere');
    expect(gone.status).toBe(503);
    expect(gone.json.error.code).toBe('database_unavailable');
    expect(gone.ms).toBeLessThan(8_000);
  }, 60_000);
});

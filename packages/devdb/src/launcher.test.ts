import { existsSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, startDatabase } from './index';
import { canConnect } from './ports';
import { databasePid } from './testing';
import { findOnPath } from './which';

// These tests start real servers, so they ignore a MONGODB_URI the developer may have set.
const env = { ...process.env, MONGODB_URI: '' };
const portOf = (uri: string) => Number(new URL(uri).port);

describe('startDatabase', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('uses MONGODB_URI as given and never stops it', async () => {
    const own = await startDatabase({ env });
    try {
      const db = await startDatabase({ env: { ...env, MONGODB_URI: own.uri } });
      expect(db).toMatchObject({ kind: 'external', uri: own.uri });
      await db.stop();
      // The server behind MONGODB_URI is someone else's: it still answers after stop().
      const client = await MongoClient.connect(own.uri, { serverSelectionTimeoutMS: 5_000 });
      expect(await client.db('t').command({ ping: 1 })).toMatchObject({ ok: 1 });
      await client.close();
    } finally {
      await own.stop();
    }
  });

  it('starts a throw-away server that accepts connections and is gone after stop', async () => {
    const db = await startDatabase({ env });
    expect(['mongod', 'ferretdb']).toContain(db.kind);
    const client = await MongoClient.connect(db.uri);
    await client.db('t').collection('c').insertOne({ a: 1 });
    expect(await client.db('t').collection('c').countDocuments()).toBe(1);
    await client.close();
    await db.stop();
    expect(await canConnect(portOf(db.uri))).toBe(false);
  }, 120_000);

  it.skipIf(process.platform !== 'linux')(
    "counts the CPU of the server it started (the watchdog's child), which work makes grow",
    async () => {
      const db = await startDatabase({ env });
      try {
        const before = db.cpuSeconds!()!;
        expect(before).toBeGreaterThanOrEqual(0);
        const client = await MongoClient.connect(db.uri);
        const docs = Array.from({ length: 2_000 }, (_, i) => ({ i, text: 'x'.repeat(200) }));
        for (let round = 0; round < 5; round++) {
          await client
            .db('cpu')
            .collection('c')
            .insertMany(docs.map((d) => ({ ...d })));
          await client.db('cpu').collection('c').find({ i: -1 }).toArray();
        }
        await client.close();
        // 10,000 inserts and five scans of them take the database well over a clock tick (10 ms).
        expect(db.cpuSeconds!()! - before).toBeGreaterThanOrEqual(0.05);
      } finally {
        await db.stop();
      }
    },
    120_000,
  );

  it('keeps data in dataDir across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'devdb-keep-'));
    dirs.push(dataDir);
    const first = await startDatabase({ env, dataDir });
    let client = await MongoClient.connect(first.uri);
    await client.db('keep').collection('notes').insertOne({ text: '留存' });
    await client.close();
    await first.stop();
    expect(existsSync(dataDir)).toBe(true);

    const second = await startDatabase({ env, dataDir });
    client = await MongoClient.connect(second.uri);
    const doc = await client.db('keep').collection('notes').findOne({});
    await client.close();
    await second.stop();
    expect(doc?.text).toBe('留存');
  }, 120_000);

  it('says the three ways to provide a database when none can be found', async () => {
    const err = await startDatabase({ env: { PATH: '/nonexistent' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    const message = (err as Error).message;
    expect(message).toContain('MONGODB_URI');
    expect(message).toContain('mongod');
    expect(message).toContain('FerretDB');
  });
});

describe('our FerretDB build', () => {
  it('finishes an update command of 150 updates (stock v1.24.2 waits forever at the 100th)', async () => {
    const db = await startDatabase({ env });
    const client = await MongoClient.connect(db.uri);
    try {
      const col = client.db('t').collection<{ _id: string; n: number }>('many');
      const ids = Array.from({ length: 150 }, (_, i) => `d${i}`);
      await col.insertMany(ids.map((_id) => ({ _id, n: 0 })));
      const done = await col.bulkWrite(
        ids.map((_id) => ({ updateOne: { filter: { _id }, update: { $inc: { n: 1 } } } })),
        { ordered: false, timeoutMS: 30_000 },
      );
      expect(done.modifiedCount).toBe(150);
      expect(await col.countDocuments({ n: 1 })).toBe(150);
    } finally {
      await client.close(true);
      await db.stop();
    }
  }, 120_000);
});

describe('a database that dies', () => {
  it('is started again by its launcher, on the same port and data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'devdb-restart-'));
    const db = await startDatabase({ env, dataDir });
    try {
      let client = await MongoClient.connect(db.uri);
      await client.db('r').collection('c').insertOne({ kept: true });
      await client.close();
      const pid = databasePid(portOf(db.uri));
      expect(pid).toBeGreaterThan(0);
      process.kill(pid!, 'SIGKILL');
      // It comes back within seconds: wait for the outcome (a successful read), not for a fixed time.
      const deadline = Date.now() + 30_000;
      let doc: unknown = null;
      while (Date.now() < deadline && !doc) {
        try {
          client = await MongoClient.connect(db.uri, { serverSelectionTimeoutMS: 1_000 });
          doc = await client.db('r').collection('c').findOne({ kept: true });
          await client.close();
        } catch {
          await new Promise((r) => setTimeout(r, 250));
        }
      }
      expect(doc).toMatchObject({ kept: true });
      expect(databasePid(portOf(db.uri))).not.toBe(pid);
      expect(db.diskUsage?.().totalBytes).toBeGreaterThan(0);
    } finally {
      await db.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(await canConnect(portOf(db.uri))).toBe(false);
  }, 120_000);
});

describe("FerretDB's write-ahead log", () => {
  it.skipIf(!!findOnPath('mongod') || !findOnPath('sqlite3'))(
    'is cut back to nothing once it outgrows its limit, while the database is in use',
    async () => {
      const db = await startDatabase({
        env,
        walPolicy: { limitBytes: 256 * 1024, everyMs: 200 },
      });
      const client = await MongoClient.connect(db.uri);
      try {
        const notes = client.db('wal').collection<{ text: string }>('notes');
        // About 2 MB of writes: SQLite's own checkpoints copy them into the database but keep
        // the log file at its largest size (up to journal_size_limit, 32 MB).
        for (let i = 0; i < 20; i++)
          await notes.insertMany(
            Array.from({ length: 50 }, (_, j) => ({ text: `${i}-${j} ${'留存'.repeat(1000)}` })),
          );
        // Wait for the outcome: a launcher checkpoint that truncated the log.
        const deadline = Date.now() + 60_000;
        let usage = db.diskUsage!();
        while (Date.now() < deadline && !(usage.walCheckpoints?.done && usage.walBytes === 0)) {
          await new Promise((r) => setTimeout(r, 250));
          usage = db.diskUsage!();
        }
        expect(usage.walCheckpoints?.done).toBeGreaterThan(0);
        expect(usage.walBytes).toBe(0);
        // Nothing written was lost on the way.
        expect(await notes.countDocuments()).toBe(1000);
      } finally {
        await client.close();
        await db.stop();
      }
    },
    120_000,
  );
});

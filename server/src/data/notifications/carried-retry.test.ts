import type { mongo } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { flushCarried, queueCarried, RETRY_WAITS_MS } from './carried';
import type { NotifyJob } from './queue';

// Pure logic of the background write, with a fake collection: a database that refuses the
// gathered jobs' insert (down for a moment) gets them on a later try, not at the next process
// start. The real-database paths (carry, queue, crash sweep) are in carried.test.ts.
function fakeDb(failures: number) {
  const written: string[][] = [];
  let calls = 0;
  const db = {
    collection: () => ({
      insertMany: (list: NotifyJob[]) => {
        calls++;
        if (calls <= failures) return Promise.reject(new Error('connection closed'));
        written.push(list.map((j) => j._id));
        return Promise.resolve({ insertedCount: list.length });
      },
    }),
  } as unknown as mongo.Db;
  return { db, written, calls: () => calls };
}
const job = (id: string) => ({ _id: id }) as unknown as NotifyJob;

describe('carried notices, background write', () => {
  it('tries a failed write again until the database takes it', async () => {
    const { db, written, calls } = fakeDb(2);
    queueCarried(db, [job('a')]);
    queueCarried(db, [job('b')]);
    await flushCarried();
    expect(calls()).toBe(3);
    expect(written).toEqual([['a', 'b']]);
  });

  it('gives up after its last wait (the jobs stay in their records for the sweep)', async () => {
    const { db, written, calls } = fakeDb(RETRY_WAITS_MS.length + 1);
    const waits = RETRY_WAITS_MS.splice(0, RETRY_WAITS_MS.length, ...RETRY_WAITS_MS.map(() => 1));
    try {
      queueCarried(db, [job('c')]);
      await flushCarried();
    } finally {
      RETRY_WAITS_MS.splice(0, RETRY_WAITS_MS.length, ...waits);
    }
    expect(calls()).toBe(RETRY_WAITS_MS.length + 1);
    expect(written).toEqual([]);
  });

  it('writes one round at a time: jobs queued while a write lasts go in the next write', async () => {
    const written: string[][] = [];
    let writing = 0;
    let most = 0;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const firstStarted = new Promise<void>((r) => (started = r));
    const db = {
      collection: () => ({
        insertMany: async (list: NotifyJob[]) => {
          most = Math.max(most, ++writing);
          written.push(list.map((j) => j._id));
          if (written.length === 1) {
            started();
            await held;
          }
          writing--;
          return { insertedCount: list.length };
        },
      }),
    } as unknown as mongo.Db;
    queueCarried(db, [job('a')]);
    const first = flushCarried();
    await firstStarted;
    // The first write is under way: these gather for the next round, which waits for it even
    // when woken (as a drain does).
    queueCarried(db, [job('b')]);
    queueCarried(db, [job('c')]);
    const second = flushCarried();
    release();
    await Promise.all([first, second]);
    expect(written).toEqual([['a'], ['b', 'c']]);
    expect(most).toBe(1);
  });
});

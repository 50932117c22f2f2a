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
});

import type { mongo } from 'mongoose';

/** Per database and person: the end of the last write queued for her head. */
const tails = new Map<string, Promise<void>>();

/**
 * Runs `write` once no earlier write of this process to any of these people's inbox heads is
 * still on the way, and holds theirs back until it ends. The local database applies an update
 * by reading the document and writing it back (DESIGN.md: updates are not isolated), so two
 * `$push`es to one head at the same moment kept one message, and a `rev`-guarded rewrite (a
 * mark, a spill) could overwrite a push it never saw: of 36 notices reaching one person at once
 * 8–15 arrived, and a mark among them answered 503 (inbox.test.ts). On MongoDB each of those is
 * atomic already; across processes on the local database the race stays (it is a development
 * database).
 *
 * Never deadlocks: a write takes all its people's places in one synchronous step and waits only
 * for writes that took theirs before. A batch to 10,000 people takes 10,000 places for the few
 * seconds of its bulk write; a single notice to one of them waits for it.
 */
export async function oneWriterPerHead<T>(
  db: mongo.Db,
  accountIds: Iterable<string>,
  write: () => Promise<T>,
): Promise<T> {
  const keys = [...new Set(accountIds)].map((id) => `${db.databaseName}\u0000${id}`);
  const earlier: Promise<void>[] = [];
  let done!: () => void;
  const mine = new Promise<void>((resolve) => (done = resolve));
  for (const key of keys) {
    const tail = tails.get(key);
    if (tail) earlier.push(tail);
    tails.set(key, mine);
  }
  try {
    if (earlier.length) await Promise.all(earlier);
    return await write();
  } finally {
    done();
    for (const key of keys) if (tails.get(key) === mine) tails.delete(key);
  }
}

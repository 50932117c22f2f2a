/**
 * True for a unique-key violation on insert: the one way the project tells "someone else got
 * there first" (FerretDB answers code 1, not 11000, for a violation through an update, which is
 * why no rule relies on conditional updates; see claims.ts).
 */
export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number } | null)?.code === 11000;
}

/**
 * For an unordered bulk write (insertMany, bulkWrite) that failed: the indexes of the documents
 * refused by a unique key, or null when anything else went wrong too (then the caller rethrows).
 * Each error carries its code on itself or on its `err`.
 */
export function duplicateKeyIndexes(err: unknown): number[] | null {
  const list = writeErrorsOf(err);
  if (!list.length || list.some((e) => !isDuplicateKey({ code: e.code ?? e.err?.code })))
    return null;
  return list.map((e) => e.index);
}

/** One document's error in a failed bulk write: its index in the batch and its code. */
export interface WriteError {
  index: number;
  code?: number;
  err?: { code?: number };
}

/**
 * The per-document errors of a failed bulk write; none when the write failed as a whole (the
 * database went away). The driver reports one write error as an object and several as a list.
 */
export function writeErrorsOf(err: unknown): WriteError[] {
  const raw = (err as { writeErrors?: unknown } | null)?.writeErrors;
  return (Array.isArray(raw) ? raw : raw ? [raw] : []) as WriteError[];
}

/** Names of the driver's errors for a database that cannot be reached or did not answer in time. */
const UNAVAILABLE = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoOperationTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  // The pool's subclass when the server monitor timed out (a frozen or overloaded database).
  'PoolClearedOnNetworkError',
]);

/** True when the database is down, frozen or too slow — a 503, never a 500. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { name?: string; code?: number } | null;
  // 50 = MaxTimeMSExpired: the server gave up on the operation at its deadline.
  return !!e && (UNAVAILABLE.has(e.name ?? '') || e.code === 50);
}

/**
 * Runs an upsert by `_id` that two processes may make at once. Neither MongoDB nor FerretDB retries
 * the loser of two first inserts of one key for us: it fails with a duplicate key although the
 * document it wanted now exists, so it runs again and finds it.
 */
export async function racedUpsert(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    await run();
  }
}

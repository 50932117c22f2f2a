import type { Connection } from 'mongoose';
import { isDuplicateKey } from './errors';

/** Where a database notes which one-off data migrations it has had (`_id` = the migration). */
const DONE = 'schema_migrations';

/**
 * Runs a data migration once per database: the mark is read by `_id` at each start, so a
 * migrated database pays one read, not the migration's scan. `run` must be idempotent: two
 * processes starting at once may both run it, and a start that stops before the mark is
 * written runs it again. Returns whether it ran.
 */
export async function once(
  connection: Connection,
  name: string,
  run: () => Promise<unknown>,
): Promise<boolean> {
  const done = connection.db!.collection<{ _id: string; at: Date }>(DONE);
  if (await done.findOne({ _id: name })) return false;
  await run();
  try {
    await done.insertOne({ _id: name, at: new Date() });
  } catch (err) {
    // The other process starting at once wrote the mark first; the migration is done either way.
    if (!isDuplicateKey(err)) throw err;
  }
  return true;
}

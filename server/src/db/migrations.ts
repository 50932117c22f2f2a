import type { Connection } from 'mongoose';

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
  await done.updateOne({ _id: name }, { $setOnInsert: { at: new Date() } }, { upsert: true });
  return true;
}

import { writeErrorsOf } from '../../db/errors';
import type { HeldInserts, PluginContext } from '../records/context';
import { recordsOf } from '../records/context';
import type { StoredRecord } from '../records/types';
import type { GroupedNotes } from './notes';

/**
 * The records a schedule batch creates, inserted together when the batch's records have been
 * acted on (`flush`): one insert per collection instead of one per acted record. A created
 * record's insert was half of the run's time (server/bench/schedules.bench.ts: 9,000 single
 * inserts, 9.3 of 17.6 s), each a round trip and a transaction on the local database. Only
 * plain inserts are held (records/write.ts `plainInsert`): nothing else waits for them.
 *
 * Exactly once is the claims' (store.ts), taken for the whole batch before it is acted on: a
 * crash before the flush loses the batch's created records as it loses its notices, never
 * doubles one. A record the database refuses is counted failed, as its single insert was.
 */
export class GroupedInserts implements HeldInserts {
  private readonly held = new Map<string, StoredRecord[]>();

  hold(collection: string, doc: StoredRecord): void {
    const list = this.held.get(collection);
    if (list) list.push(doc);
    else this.held.set(collection, [doc]);
  }

  /** Inserts what is held, notes the inserted records; returns how many were refused. */
  async flush(ctx: PluginContext, notes: GroupedNotes): Promise<number> {
    let refused = 0;
    for (const [collection, docs] of this.held) {
      this.held.delete(collection);
      const failed = await insertAll(ctx, collection, docs);
      refused += failed.size;
      const key = { communityId: ctx.communityId, pluginId: ctx.plugin.pluginId, collection };
      for (let i = 0; i < docs.length; i++) if (!failed.has(i)) await notes.hold(key, docs[i]!._id);
    }
    return refused;
  }
}

/** Unordered: a refused record does not keep the others out. Returns the refused indexes. */
async function insertAll(
  ctx: PluginContext,
  collection: string,
  docs: StoredRecord[],
): Promise<Set<number>> {
  try {
    await recordsOf(ctx, collection).insertMany(docs, { ordered: false });
    return new Set();
  } catch (err) {
    const list = writeErrorsOf(err);
    // No per-record answer (the database went away): none is counted done.
    return list.length ? new Set(list.map((e) => e.index)) : new Set(docs.keys());
  }
}

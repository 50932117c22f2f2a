import { collectionDef, recordsOf, type PluginContext } from '../records/context';
import { countedBy, withCounters } from '../records/counters';
import { evaluateFilter } from '../records/filter';
import type { StoredRecord } from '../records/types';
import { deliver } from '../notifications/service';
import { moveRecord } from '../records/write';

const MAX_AUTO_STEPS = 5;

/**
 * Runs `auto` transitions the record now qualifies for (with its counters counted fresh), as the
 * platform (`by: "system"`). A race with another writer is fine: whoever wins moves it once.
 */
export async function runAutoTransitions(
  ctx: PluginContext,
  collection: string,
  start: StoredRecord,
): Promise<StoredRecord> {
  const def = collectionDef(ctx, collection);
  const wf = def.workflow;
  if (!wf || !wf.transitions.some((t) => t.auto)) return start;
  let doc = start;
  for (let step = 0; step < MAX_AUTO_STEPS; step++) {
    const [counted] = await withCounters(ctx, def, [{ ...doc }]);
    const t = wf.transitions.find(
      (t) =>
        t.auto &&
        t.from.includes(doc[wf.field] as string) &&
        evaluateFilter(t.auto, counted, ctx.vars),
    );
    if (!t) break;
    try {
      doc = await moveRecord(ctx, collection, doc, { ...t, where: undefined }, {}, 'system');
      await deliver(ctx, t.notify, doc);
    } catch {
      // Someone else moved it first (409): read what is there now and stop.
      return (await recordsOf(ctx, collection).findOne({ _id: doc._id })) ?? doc;
    }
  }
  return doc;
}

/** After a record of `source` changes, re-checks auto transitions of the records it counts towards. */
export async function afterSourceChange(
  ctx: PluginContext,
  source: string,
  doc: Record<string, unknown>,
): Promise<void> {
  for (const { collection, by } of countedBy(ctx, source)) {
    const targetId = doc[by];
    if (typeof targetId !== 'string') continue;
    const target = await recordsOf(ctx, collection).findOne({
      _id: targetId,
      communityId: ctx.communityId,
    });
    if (target) await runAutoTransitions(ctx, collection, target);
  }
}

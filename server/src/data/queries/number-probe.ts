import { QUIET_AFTER_MS } from '../actions/numbering';
import { recordsOf, type PluginContext } from '../records/context';
import type { StoredRecord } from '../records/types';
import { WITHOUT_CARRIED } from '../notifications/carried';

/**
 * How a cached list learns of creates that wrote no change note (issue 18: a create in two
 * commands, the record and its notices). A numbered record's `_id` is named by its number
 * (actions/numbering.ts), so a reader finds number `k` with one read by `_id`.
 *
 * A create leaves out its note only when its process inserted the number before it less than
 * QUIET_AFTER_MS earlier; every other create (the first of a numbering, one after a refusal, a
 * gap, a pause, a number another process took) is noted with its number, and so is a delete of
 * a numbered record. So every quiet record `n` follows an `n - 1` that was inserted before it,
 * and a reader that learns of a number (found, or named by a note) probes the one after it:
 * - past the highest number known (`top`), always, AHEAD of them;
 * - below it, as `pending` numbers, for PENDING_MS after it learnt of the number before: longer
 *   than QUIET_AFTER_MS, so a quiet insert after `n - 1` lands while `n` is still probed. Numbers
 *   skipped over (refused, deleted before anyone read them, still being inserted) are pending
 *   too, and are forgotten after PENDING_MS without being found.
 * What is left: a reader misses a quiet create for as long as AHEAD numbers right after `top`
 * are all deleted with their notes not yet written (deletes under way at once), and the
 * entry's periodic reload (list-cache.ts `maxAgeMs`) is the safety net for that.
 */

/** Longer than a quiet create may follow the number before it. */
export const PENDING_MS = QUIET_AFTER_MS + 30_000;
/** Numbers past `top` read at every refresh; more once they are being found. */
const AHEAD = 2;
const AHEAD_FOUND = 8;
/** More pending numbers than this: the entry reloads instead. */
export const MAX_PENDING = 64;

export interface NumberState {
  /** The `_id` of record number `k` in this community's collection. */
  ids: (k: number) => string;
  /** The highest number known to have been taken. */
  top: number;
  /** Numbers to probe below `top`, with when they became pending (ms). */
  pending: Map<number, number>;
}

export const numberOf = (doc: StoredRecord | null | undefined): number | undefined =>
  typeof doc?._n === 'number' ? doc._n : undefined;

/** Number `x` was taken (its record found, or a note named it): the next one may follow. */
export function learn(
  state: NumberState,
  records: Map<string, StoredRecord>,
  x: number,
  now: number,
): void {
  state.pending.delete(x);
  if (x > state.top) {
    for (let k = state.top + 1; k < x; k++)
      if (!records.has(state.ids(k))) state.pending.set(k, now);
    state.top = x;
  } else if (x < state.top && !records.has(state.ids(x + 1))) state.pending.set(x + 1, now);
}

/**
 * Reads the pending numbers and those past `top` by `_id`, into `records`, following what it
 * finds; forgets pending numbers older than PENDING_MS that are still missing. Returns false
 * when too many are pending (the caller reloads).
 */
export async function probeNumbers(
  ctx: PluginContext,
  collection: string,
  state: NumberState,
  records: Map<string, StoredRecord>,
): Promise<boolean> {
  const col = recordsOf(ctx, collection);
  const probed = new Set<number>();
  let ahead = AHEAD;
  for (;;) {
    if (state.pending.size > MAX_PENDING) return false;
    const want = [...state.pending.keys()];
    for (let k = state.top + 1; k <= state.top + ahead; k++) want.push(k);
    const fresh = want.filter((k) => !probed.has(k));
    if (!fresh.length) return true;
    for (const k of fresh) probed.add(k);
    const found = await Promise.all(
      fresh.map((k) => col.findOne({ _id: state.ids(k) }, WITHOUT_CARRIED)),
    );
    const now = Date.now();
    const top = state.top;
    let hit = false;
    fresh.forEach((k, i) => {
      const doc = found[i];
      if (!doc || doc.communityId !== ctx.communityId) return;
      records.set(doc._id, doc);
      learn(state, records, k, now);
      hit = true;
    });
    for (const k of fresh) {
      const since = state.pending.get(k);
      if (since !== undefined && now - since > PENDING_MS) state.pending.delete(k);
    }
    if (!hit) return true;
    if (state.top > top) ahead = AHEAD_FOUND;
  }
}

/**
 * The state after a whole read of the records: `top` the highest number among them or handed
 * out (`floor`), and the numbers after the newest ones pending (a quiet create may still be on
 * its way after them).
 */
export function stateAfterLoad(
  ids: (k: number) => string,
  floor: number,
  records: Map<string, StoredRecord>,
): NumberState {
  const state: NumberState = { ids, top: floor, pending: new Map() };
  let newest = '';
  for (const r of records.values()) {
    const n = numberOf(r);
    if (n !== undefined && n > state.top) state.top = n;
    if (r.createdAt > newest) newest = r.createdAt;
  }
  // Relative to the newest record, not this machine's clock: the records' clock may be another.
  const newestAt = Date.parse(newest);
  if (!Number.isFinite(newestAt)) return state;
  const recent = new Date(newestAt - PENDING_MS).toISOString();
  const now = Date.now();
  for (const r of records.values()) {
    const n = numberOf(r);
    if (n !== undefined && r.createdAt >= recent) learn(state, records, n, now);
  }
  // The highest: a create on its way follows a recent number, and recent numbers are high.
  const low = [...state.pending.keys()].sort((a, b) => a - b);
  for (const k of low.slice(0, Math.max(0, low.length - MAX_PENDING / 2))) state.pending.delete(k);
  return state;
}

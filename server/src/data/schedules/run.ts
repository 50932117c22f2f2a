import type { ScheduleDef, ScheduleValue } from '@scene/schema';
import { isOffered, isTimeAnchor, offeredField, resolveRelative } from '@scene/schema';
import type { ScheduledInstallation } from '../../control';
import { afterSourceChange, runAutoTransitions } from '../actions/auto';
import { insertNumbered } from '../actions/numbering';
import { sendCollected, type NotifyJob } from '../notifications/queue';
import { deliver } from '../notifications/service';
import { collectionDef, recordsOf, type PluginContext } from '../records/context';
import { allOf, compileFilter, filterVars, type Filter } from '../records/filter';
import type { DataPlaneDeps, StoredRecord } from '../records/types';
import { insertRecord, moveRecord, newRecord } from '../records/write';
import { fieldRange, fireTime, type ResolvedAfter } from './occurrences';
import { GroupedInserts } from './inserts';
import { GroupedNotes } from './notes';
import type { OpenScans } from './scans';
import { claimKeys, type RunDoc } from './store';

/** One schedule of one installation. */
export interface ScheduleJob {
  target: ScheduledInstallation;
  id: string;
  def: ScheduleDef;
}

/** Records read and claimed together. */
const BATCH = 500;

/**
 * The platform acting for a schedule: no caller, no roles; filter vars read at `varsAt` (the
 * occurrence, so a late run still means that day's `today`), writes stamped with the real `now`.
 */
export function systemContext(
  deps: DataPlaneDeps,
  job: ScheduleJob,
  now: Date,
  varsAt: Date,
): PluginContext {
  const db = deps.connection.db;
  if (!db) throw new Error('database not connected');
  const t = job.target;
  const roles = new Set<string>();
  return {
    deps,
    db,
    communityId: t.communityId,
    plugin: {
      communityId: t.communityId,
      pluginId: t.pluginId,
      version: t.version,
      manifest: t.manifest,
      config: t.config,
      status: 'enabled',
      timeZone: t.timeZone,
    },
    manifest: t.manifest,
    caller: null,
    actor: null,
    roles,
    now,
    timeZone: t.timeZone,
    vars: filterVars(null, roles, t.config, varsAt, t.timeZone),
  };
}

/** The records a schedule acts on: its `where`, and for a transition only those it can move. */
export function scheduleFilter(
  ctx: PluginContext,
  def: ScheduleDef,
  extra?: Filter,
): Filter | undefined {
  const wf = collectionDef(ctx, def.collection).workflow;
  const t = def.transition ? wf?.transitions.find((x) => x.id === def.transition) : undefined;
  const movable: Filter | undefined =
    t && wf ? { field: wf.field, op: 'in', value: t.from } : undefined;
  return allOf(def.where, movable, extra);
}

const keyOf = (values: unknown[]) => JSON.stringify(values);

/**
 * The claim key of a record in a pass: the record, or with `onePer` the value of that field (one
 * reminder per person per occurrence, however many of their records match).
 */
function itemKey(def: ScheduleDef, prefix: string, doc: StoredRecord): string {
  return def.onePer === undefined
    ? `${prefix}|${doc._id}`
    : `${prefix}|per|${keyOf([doc[def.onePer] ?? null])}`;
}

/**
 * For an `absence` rule: the match keys present in the other collection (e.g. the elder ids that
 * checked in today). One projected read per slice, never one per record.
 */
async function presentKeys(ctx: PluginContext, def: ScheduleDef): Promise<Set<string> | null> {
  const ab = def.absence;
  if (!ab) return null;
  const theirs = Object.keys(ab.match);
  const rows = await recordsOf(ctx, ab.collection)
    .find(compileFilter(ab.where, { communityId: ctx.communityId, vars: ctx.vars }), {
      projection: Object.fromEntries(theirs.map((f) => [f, 1])),
    })
    .toArray();
  return new Set(
    rows.map((r) => keyOf(theirs.map((f) => (r as Record<string, unknown>)[f] ?? null))),
  );
}

function absent(def: ScheduleDef, present: Set<string> | null, doc: StoredRecord): boolean {
  if (!present) return true;
  return !present.has(keyOf(Object.values(def.absence!.match).map((f) => doc[f] ?? null)));
}

/** A schedule's `offered`: it acts only on records (and occurrences) its catalogue offers. */
function onOffer(ctx: PluginContext, def: ScheduleDef, doc: StoredRecord): boolean {
  return !def.offered || isOffered(def.offered, doc, ctx.plugin.config, ctx.vars);
}

/**
 * True when an `offered` that reads no record field (only a day relative to the occurrence) is
 * not met: then no record can be on offer and the occurrence has nothing to read.
 */
function occurrenceNotOffered(ctx: PluginContext, def: ScheduleDef): boolean {
  const o = def.offered;
  if (!o || Object.values(o.match).some((m) => offeredField(m) !== undefined)) return false;
  return !isOffered(o, {}, ctx.plugin.config, ctx.vars);
}

/** The created record's fields; its code is drawn as it is inserted (insertNumbered). */
function createValues(
  ctx: PluginContext,
  set: Record<string, ScheduleValue>,
  item: StoredRecord,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, v] of Object.entries(set)) {
    if (v === null || typeof v !== 'object') out[field] = v;
    else if ('bind' in v) out[field] = item[v.bind.slice('item.'.length)] ?? null;
    // Read at the occurrence, as the schedule's filters are: a late run still writes that day.
    else if (isTimeAnchor(v.var)) out[field] = resolveRelative(ctx.vars, v.var, v.offset, v.as);
    else if (v.var === 'code') continue;
    else out[field] = ctx.vars[v.var] ?? null;
  }
  return out;
}

/** What a schedule does to one record, as the platform (`by: "system"`). */
async function act(ctx: PluginContext, def: ScheduleDef, doc: StoredRecord): Promise<void> {
  let record = doc;
  if (def.transition) {
    const t = collectionDef(ctx, def.collection).workflow!.transitions.find(
      (x) => x.id === def.transition,
    )!;
    record = await moveRecord(
      ctx,
      def.collection,
      record,
      { ...t, where: undefined },
      {},
      'system',
    );
    await deliver(ctx, t.notify, record);
    await afterSourceChange(ctx, def.collection, record);
    record = await runAutoTransitions(ctx, def.collection, record);
  }
  if (def.notify?.length) await deliver(ctx, def.notify, record);
  if (def.create) {
    const { collection, set } = def.create;
    const created = newRecord(ctx, collection, createValues(ctx, set, record));
    await insertNumbered(ctx, collection, created, set, (doc, num) =>
      insertRecord(ctx, collection, doc, undefined, num),
    );
    await afterSourceChange(ctx, def.create.collection, created);
  }
}

export interface Tally {
  matched: number;
  acted: number;
  skipped: number;
  failed: number;
}

/**
 * Claims and acts on a batch of records for one occurrence key. A record another pass already
 * claimed is skipped; a failure is counted and never retried (its claim stays), so nothing is
 * done twice.
 */
export async function handleBatch(
  ctx: PluginContext,
  def: ScheduleDef,
  items: { doc: StoredRecord; key: string }[],
  tally: Tally,
): Promise<void> {
  tally.matched += items.length;
  const keys = items.map((i) => i.key);
  const mine = await claimKeys(ctx.db, ctx.communityId, keys, ctx.now);
  tally.skipped += items.length - mine.size;
  // The batch's notices go out together at its end: one inbox write per person, not per record
  // (a crash before then loses the notices of records already acted on, as it loses the rest
  // of the batch).
  const notices: NotifyJob[] = [];
  const notes = new GroupedNotes(ctx.db);
  const inserts = new GroupedInserts();
  const batchCtx: PluginContext = { ...ctx, notices, heldNotes: notes, heldInserts: inserts };
  // One record after another: acting on several at once measured slower on FerretDB, whose
  // writes queue behind each other anyway (measured again with 4 at once: 22.8 s against 12.9 s
  // for 2,000 records, one run each at load 10).
  try {
    for (const { doc, key } of items) {
      if (!mine.has(key)) continue;
      try {
        await act(batchCtx, def, doc);
        tally.acted++;
      } catch {
        tally.failed++;
      }
    }
    const refused = await inserts.flush(ctx, notes);
    tally.acted -= refused;
    tally.failed += refused;
    await notes.flush();
  } finally {
    // Failures here never undo the records acted on (as a notice in a request never undoes it).
    if (notices.length) await sendCollected(ctx.db, notices).catch(() => undefined);
  }
}

/**
 * Works one slice (at most `limit` records, in `_id` order after the run's cursor) of an `at`
 * occurrence, continuing the read this process left open at that cursor (scans.ts) or starting
 * one. Returns the new cursor, or null when the occurrence is finished.
 */
export async function atSlice(
  ctx: PluginContext,
  job: ScheduleJob,
  run: RunDoc,
  limit: number,
  tally: Tally,
  scans: OpenScans,
): Promise<string | null> {
  const def = job.def;
  if (occurrenceNotOffered(ctx, def)) {
    scans.close(run._id);
    return null;
  }
  const present = await presentKeys(ctx, def);
  const open = (after: string | null) =>
    scans.keep(run._id, { last: after, held: null, cursor: openScan(ctx, def, after) });
  let scan = scans.take(run._id, run.cursor) ?? open(run.cursor);
  let reopened = false;
  let batch: { doc: StoredRecord; key: string }[] = [];
  // A key twice in one slice is claimed once; across slices and processes the claim decides.
  const keys = new Set<string>();
  let seen = 0;
  try {
    for (;;) {
      const doc = scan.held ?? (await next());
      scan.held = null;
      if (!doc) break;
      if (seen === limit) {
        // Read one past the slice to know whether another follows; the next slice starts there.
        scan.held = doc;
        await flush();
        return scan.last;
      }
      seen++;
      scan.last = doc._id;
      const key = itemKey(def, run._id, doc);
      if (absent(def, present, doc) && onOffer(ctx, def, doc) && !keys.has(key)) {
        keys.add(key);
        batch.push({ doc, key });
      }
      if (batch.length === BATCH) await flush();
    }
    await flush();
  } catch (err) {
    // The next slice starts a new read at the saved cursor (the claims skip what was done).
    scans.close(run._id);
    throw err;
  }
  scans.close(run._id);
  return null;

  /**
   * The next record. A read the server dropped (it times idle cursors out; the runner leaves one
   * open between ticks) is started again after the last record read, once per slice.
   */
  async function next(): Promise<StoredRecord | null> {
    try {
      return await scan.cursor.next();
    } catch (err) {
      if (reopened) throw err;
      reopened = true;
      scans.close(run._id);
      scan = open(scan.last);
      return scan.cursor.next();
    }
  }

  async function flush() {
    if (batch.length) await handleBatch(ctx, def, batch, tally);
    batch = [];
  }
}

/** An occurrence's records after `cursor` in `_id` order, read to the end in batches. */
function openScan(ctx: PluginContext, def: ScheduleDef, cursor: string | null) {
  const where = compileFilter(scheduleFilter(ctx, def), {
    communityId: ctx.communityId,
    vars: ctx.vars,
  });
  const query = cursor ? { $and: [where, { _id: { $gt: cursor } }] } : where;
  return recordsOf(ctx, def.collection)
    .find(query, { sort: { _id: 1 } })
    .batchSize(BATCH);
}

/**
 * Checks an `after` schedule's records whose moment fell in (from, to]: those younger than the
 * catch-up window are claimed (per record and moment, so a changed booking date fires again)
 * and acted on; older ones are counted as late.
 */
export async function afterWindow(
  ctx: PluginContext,
  job: ScheduleJob,
  after: ResolvedAfter,
  from: Date,
  to: Date,
  lateBefore: Date,
  time: string,
  tally: Tally & { late: number },
): Promise<void> {
  const def = job.def;
  if (occurrenceNotOffered(ctx, def)) return;
  const prop = collectionDef(ctx, def.collection).schema.properties?.[after.field];
  const isDate = prop?.format === 'date';
  const range = fieldRange(after, from, to, ctx.timeZone, isDate);
  const extra: Filter = {
    all: [
      { field: after.field, op: 'gte', value: range.gte },
      { field: after.field, op: 'lte', value: range.lte },
    ],
  };
  const present = await presentKeys(ctx, def);
  const query = compileFilter(scheduleFilter(ctx, def, extra), {
    communityId: ctx.communityId,
    vars: ctx.vars,
  });
  const base = `${job.target.communityId}|${job.target.pluginId}|${job.id}|after`;
  let batch: { doc: StoredRecord; key: string }[] = [];
  const keys = new Set<string>();
  for await (const doc of recordsOf(ctx, def.collection).find(query).batchSize(BATCH)) {
    const fire = fireTime(after, time, doc[after.field], ctx.timeZone);
    if (!fire || fire <= from || fire > to || !absent(def, present, doc)) continue;
    if (!onOffer(ctx, def, doc)) continue;
    if (fire <= lateBefore) {
      tally.late++;
      continue;
    }
    const key = itemKey(def, `${base}|${fire.toISOString()}`, doc);
    if (keys.has(key)) continue;
    keys.add(key);
    batch.push({ doc, key });
    if (batch.length === BATCH) {
      await handleBatch(ctx, def, batch, tally);
      batch = [];
    }
  }
  if (batch.length) await handleBatch(ctx, def, batch, tally);
}

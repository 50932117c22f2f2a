import {
  getCollectionValidator,
  type CollectionDef,
  type CreateAction,
  type Transition,
} from '@scene/schema';
import { Types } from 'mongoose';
import { isDuplicateKey } from '../../db/errors';
import { conflict, forbidden, validationFailed } from '../../http/errors';
import { attachUploads, checkUploadRefs } from '../uploads/service';
import { claimCapacity, releaseRedeemedPlaces, undoCapacity } from './capacity';
import { collectionDef, recordsOf, type PluginContext } from './context';
import { isErasedRepeat } from './erased';
import { evaluateFilter } from './filter';
import { SYSTEM_FIELDS } from './names';
import { applyChange } from './revisions';
import { fieldsWithHint, valuesAt } from './schema-walk';
import { releaseSeats } from './seats';
import type { HistoryEntry, StoredRecord } from './types';

/**
 * The record-writing layer: the only code that inserts, changes or moves a plugin record. Each
 * write keeps the collection's invariants without transactions — schema, capacity seats (taken
 * before and given back when the write fails), unique indexes, the revision guard against lost
 * races, and the uploads the record references. Actions decide *what* to write (inputs, roles,
 * points, notifications); this layer decides *how*, and depends on no action.
 */

/** The plugin's fields of a stored record (what its collection schema describes). */
export function pluginFields(doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc))
    if (!k.startsWith('_') && !SYSTEM_FIELDS.has(k)) out[k] = v;
  return out;
}

/** Checks a record's plugin fields against the collection schema before it is written. */
export function validateRecord(
  ctx: PluginContext,
  collection: string,
  doc: Record<string, unknown>,
): void {
  const result = getCollectionValidator(ctx.manifest, collection)(pluginFields(doc));
  if (!result.ok)
    throw validationFailed('The record would not match its collection.', { issues: result.errors });
}

/** Upload ids the written fields reference (`x-ref: "upload"`), checked to be the caller's. */
async function uploadRefs(
  ctx: PluginContext,
  def: CollectionDef,
  fields: Record<string, unknown>,
): Promise<string[]> {
  const ids = fieldsWithHint(def.schema, 'x-ref')
    .filter((f) => f.value === 'upload')
    .flatMap((f) => valuesAt(fields, f.path));
  return checkUploadRefs(ctx, ids);
}

const lostRace = () =>
  conflict('Someone else changed this record just now; reload and try again.', {
    code: 'lost_race',
  });

/** Builds a new record: fields, then the workflow's initial state and system fields. */
export function newRecord(
  ctx: PluginContext,
  collection: string,
  fields: Record<string, unknown>,
): StoredRecord {
  const def = collectionDef(ctx, collection);
  const at = ctx.now.toISOString();
  const doc: StoredRecord = {
    ...fields,
    _id: new Types.ObjectId().toHexString(),
    communityId: ctx.communityId,
    pluginId: ctx.plugin.pluginId,
    collection,
    schemaVersion: def.schemaVersion,
    createdBy: ctx.caller?.accountId ?? 'system',
    createdAt: at,
    updatedAt: at,
    history: [],
    _rev: 0,
  };
  if (def.workflow) doc[def.workflow.field] = def.workflow.initial;
  return doc;
}

/** Inserts a new record under the collection's capacity rules and unique indexes. */
export async function insertRecord(
  ctx: PluginContext,
  collection: string,
  doc: StoredRecord,
  duplicate?: CreateAction['duplicateMessage'],
): Promise<void> {
  const def = collectionDef(ctx, collection);
  validateRecord(ctx, collection, doc);
  // A person who erased their data keeps their "one per person" places (erased.ts).
  if (await isErasedRepeat(ctx.db, def, doc)) throw duplicateConflict(duplicate);
  const refs = await uploadRefs(ctx, def, doc);
  const { taken } = await claimCapacity(ctx, collection, def, doc._id, undefined, doc);
  try {
    await recordsOf(ctx, collection).insertOne(doc);
  } catch (err) {
    await undoCapacity(ctx, doc._id, taken);
    if (isDuplicateKey(err)) throw duplicateConflict(duplicate);
    throw err;
  }
  await attachUploads(ctx, refs, { collection, recordId: doc._id });
}

function duplicateConflict(duplicate: CreateAction['duplicateMessage'] | undefined) {
  return conflict(duplicate?.en ?? 'This already exists.', {
    code: 'duplicate',
    message: duplicate ?? { 'zh-CN': '已经存在，不能重复提交。', en: 'This already exists.' },
  });
}

/**
 * Changes fields of a record (never its workflow state), guarded by its revision: a lost race is
 * a 409, never a silent overwrite. `refFields` are the fields whose upload references to check.
 */
export async function updateRecord(
  ctx: PluginContext,
  collection: string,
  doc: StoredRecord,
  set: Record<string, unknown>,
  refFields: Record<string, unknown>,
): Promise<StoredRecord> {
  const def = collectionDef(ctx, collection);
  const after: StoredRecord = { ...doc, ...set, _rev: doc._rev + 1 };
  validateRecord(ctx, collection, after);
  const refs = await uploadRefs(ctx, def, refFields);
  const { taken, toFree } = await claimCapacity(ctx, collection, def, doc._id, doc, after);
  if (!(await applyChange(ctx.db, recordsOf(ctx, collection), doc, { set }))) {
    await undoCapacity(ctx, doc._id, taken);
    throw lostRace();
  }
  if (toFree.length) await releaseSeats(ctx.db, doc._id, toFree);
  await attachUploads(ctx, refs, { collection, recordId: doc._id });
  return after;
}

/** Deletes a record (guarded by its revision) and frees every place it held. */
export async function removeRecord(
  ctx: PluginContext,
  collection: string,
  doc: StoredRecord,
): Promise<void> {
  if (!(await applyChange(ctx.db, recordsOf(ctx, collection), doc, { remove: true })))
    throw lostRace();
  await releaseSeats(ctx.db, doc._id);
}

/**
 * Moves a record along one transition: checks the from-state and the transition's `where`, keeps
 * capacity rules, writes state, fields and history guarded by the record's revision (a lost race
 * is a 409, never a double move), then frees places the record no longer holds.
 */
export async function moveRecord(
  ctx: PluginContext,
  collection: string,
  doc: StoredRecord,
  t: Transition,
  fields: Record<string, unknown>,
  by: string,
  comment?: string,
): Promise<StoredRecord> {
  const def = collectionDef(ctx, collection);
  const wf = def.workflow!;
  const from = doc[wf.field] as string;
  if (!t.from.includes(from)) {
    throw conflict(`This cannot be done while the record is "${from}".`, {
      code: 'invalid_state',
      state: from,
    });
  }
  if (t.where && !evaluateFilter(t.where, doc, ctx.vars))
    throw forbidden('This step is not open to you for this record.');
  const at = ctx.now.toISOString();
  const entry: HistoryEntry = {
    transition: t.id,
    from,
    to: t.to,
    by,
    at,
    ...(comment ? { comment } : {}),
  };
  const set: Record<string, unknown> = { ...fields, [wf.field]: t.to, updatedAt: at };
  const terminal = wf.states.find((s) => s.id === t.to)?.terminal === true;
  if (terminal && doc._resolvedMs === undefined)
    set._resolvedMs = ctx.now.getTime() - Date.parse(doc.createdAt);
  const after: StoredRecord = {
    ...doc,
    ...set,
    history: [...doc.history, entry],
    _rev: doc._rev + 1,
  };
  validateRecord(ctx, collection, after);
  const refs = await uploadRefs(ctx, def, fields);
  const { taken, toFree } = await claimCapacity(ctx, collection, def, doc._id, doc, after);
  const ok = await applyChange(ctx.db, recordsOf(ctx, collection), doc, { set, push: entry });
  if (!ok) {
    await undoCapacity(ctx, doc._id, taken);
    throw lostRace();
  }
  if (toFree.length) await releaseSeats(ctx.db, doc._id, toFree);
  await releaseRedeemedPlaces(ctx, collection, after);
  await attachUploads(ctx, refs, { collection, recordId: doc._id });
  return after;
}

import { VISITOR } from './names';
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
import {
  applies,
  CapacityFullError,
  claimCapacity,
  claimNewRecord,
  freedPlace,
  keyOf,
  releaseRedeemedPlaces,
  undoCapacity,
} from './capacity';
import { collectionDef, recordsOf, type PluginContext } from './context';
import { evaluateFilter } from './filter';
import { SYSTEM_FIELDS } from './names';
import { applyChange } from './revisions';
import { noteChange } from './changes';
import { keepNumbersTaken } from './numbers';
import { fieldsWithHint, valuesAt } from './schema-walk';
import { releaseSeats } from './seats';
import type { HistoryEntry, StoredRecord } from './types';
import {
  anyoneWaiting,
  isWaiting,
  leaveLine,
  positionOf,
  promoteNext,
  takeTicket,
  waitlistRule,
} from './waitlist';
import { deliver } from '../notifications/service';
import { guardsOf, noteGuards } from '../pauses/tally';
import { countedBy } from './counters';
import { isErasedRepeat, personKeys } from './erased';

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

/**
 * True when inserting a record of the collection is the insert and its note alone: no capacity,
 * waitlist or one-per-person rule to claim, no upload to check, no guard to tally, no counter
 * of another collection to move. Only such inserts may be grouped (PluginContext.heldInserts).
 */
function plainInsert(ctx: PluginContext, collection: string, def: CollectionDef): boolean {
  return (
    !def.capacity?.length &&
    !waitlistRule(def) &&
    !personKeys(def).length &&
    !uploadPathsOf(def).length &&
    !guardsOf(ctx.manifest).some((g) => g.collection === collection) &&
    !countedBy(ctx, collection).length
  );
}

/** Per collection of an installed manifest (immutable): the paths of its upload references. */
const uploadPaths = new WeakMap<CollectionDef, string[][]>();

/** Upload ids the written fields reference (`x-ref: "upload"`), checked to be the caller's. */
async function uploadRefs(
  ctx: PluginContext,
  def: CollectionDef,
  fields: Record<string, unknown>,
): Promise<string[]> {
  return checkUploadRefs(
    ctx,
    uploadPathsOf(def).flatMap((path) => valuesAt(fields, path)),
  );
}

function uploadPathsOf(def: CollectionDef): string[][] {
  let paths = uploadPaths.get(def);
  if (!paths) {
    // A walk of the whole schema: once per collection, not on every write.
    paths = fieldsWithHint(def.schema, 'x-ref')
      .filter((f) => f.value === 'upload')
      .map((f) => f.path);
    uploadPaths.set(def, paths);
  }
  return paths;
}

/**
 * Every write here ends by noting the record in the collection's change log (changes.ts):
 * awaited here, or by the action that gathers its notes (`settleNotes`) before it answers, or
 * written grouped with other records' by the schedule batch that holds them (`heldNotes`).
 */
async function noted(
  ctx: PluginContext,
  collection: string,
  id: string,
  num?: number,
): Promise<void> {
  const key = { communityId: ctx.communityId, pluginId: ctx.plugin.pluginId, collection };
  if (ctx.heldNotes) return ctx.heldNotes.hold(key, id, num);
  const note = noteChange(ctx.db, key, [id], num === undefined ? [] : [num]);
  if (!ctx.notes) return note;
  // Handled now, thrown by settleNotes: no unhandled rejection while the action goes on.
  note.catch(() => undefined);
  ctx.notes.push(note);
}

const lostRace = () =>
  conflict('Someone else changed this record just now; reload and try again.', {
    code: 'lost_race',
    message: {
      'zh-CN': '刚刚有人办理了这条记录，请刷新后再看。',
      en: 'Someone else changed this just now; reload and look again.',
    },
  });

/** Builds a new record: fields, then the workflow's initial state and system fields. */
export function newRecord(
  ctx: PluginContext,
  collection: string,
  fields: Record<string, unknown>,
  id: string = new Types.ObjectId().toHexString(),
): StoredRecord {
  const def = collectionDef(ctx, collection);
  const at = ctx.now.toISOString();
  const doc: StoredRecord = {
    ...fields,
    _id: id,
    communityId: ctx.communityId,
    pluginId: ctx.plugin.pluginId,
    collection,
    schemaVersion: def.schemaVersion,
    createdBy: ctx.caller?.accountId ?? (ctx.visitor ? VISITOR : 'system'),
    ...(ctx.actor && ctx.actor.accountId !== ctx.caller?.accountId
      ? { actedBy: ctx.actor.accountId }
      : {}),
    createdAt: at,
    updatedAt: at,
    history: [],
    _rev: 0,
  };
  if (def.workflow) doc[def.workflow.field] = def.workflow.initial;
  return doc;
}

/** The number of a numbered record's insert (actions/numbering.ts) and whether it needs a note. */
export interface NumberedInsert {
  n: number;
  /**
   * Called once the insert succeeded: true when readers find the record by its number alone
   * (queries/number-probe.ts), so the create leaves out its change note.
   */
  quiet: () => boolean;
}

/** The record's number when it is numbered (`_n`, set by actions/numbering.ts). */
const numberOf = (doc: StoredRecord) => (typeof doc._n === 'number' ? doc._n : undefined);

/** Where a new record stands in a waitlist's line (absent when it holds its place). */
export interface Waiting {
  position: number;
}

/**
 * Inserts a new record under the collection's capacity rules and unique indexes. When the rule
 * with a waitlist is full — or anyone already waits for that key — the record joins the line in
 * the waiting state instead (holding no place), and the answer says where it stands.
 */
export async function insertRecord(
  ctx: PluginContext,
  collection: string,
  doc: StoredRecord,
  duplicate?: CreateAction['duplicateMessage'],
  numbered?: NumberedInsert,
): Promise<Waiting | undefined> {
  const def = collectionDef(ctx, collection);
  validateRecord(ctx, collection, doc);
  if (ctx.heldInserts && !numbered && plainInsert(ctx, collection, def)) {
    ctx.heldInserts.hold(collection, doc);
    return undefined;
  }
  // A person who erased their data keeps their "one per person" places (erased.ts).
  if (await isErasedRepeat(ctx.db, def, doc)) throw duplicateConflict(duplicate);
  const refs = await uploadRefs(ctx, def, doc);
  const wl = waitlistRule(def);
  const lineKey =
    wl && applies(ctx, def, wl.rule, doc) ? keyOf(ctx, collection, wl.index, wl.rule, doc) : '';
  let wait = lineKey !== '' && (await anyoneWaiting(ctx, collection, def, lineKey));
  let taken: string[] = [];
  if (!wait) {
    try {
      taken = await claimNewRecord(ctx, collection, def, doc);
    } catch (err) {
      if (!(err instanceof CapacityFullError && lineKey && err.ruleIndex === wl!.index)) throw err;
      wait = true;
    }
  }
  let ticket = 0;
  if (wait) {
    doc[def.workflow!.field] = wl!.waitlist.state;
    ticket = await takeTicket(ctx, lineKey, doc._id);
  }
  try {
    await recordsOf(ctx, collection).insertOne(doc);
  } catch (err) {
    await undoCapacity(ctx, doc._id, taken);
    if (wait) await leaveLine(ctx.db, doc._id);
    if (isDuplicateKey(err)) throw duplicateConflict(duplicate);
    throw err;
  }
  if (!numbered?.quiet()) await noted(ctx, collection, doc._id, numbered?.n);
  await attachUploads(ctx, refs, { collection, recordId: doc._id });
  await noteGuards(ctx, collection, undefined, doc);
  if (!wait) return undefined;
  // A place may have freed while this record joined: the line moves now, not at the next change.
  const promoted = await promoteWaiting(ctx, collection, lineKey);
  if (promoted?._id === doc._id) {
    Object.assign(doc, promoted);
    return undefined;
  }
  return { position: await positionOf(ctx.db, lineKey, ticket) };
}

/**
 * A place of the waitlist rule freed (`key`): the first in line takes it, then is told. Runs
 * as the platform; the promotion is the record's own guarded write.
 */
async function promoteWaiting(
  ctx: PluginContext,
  collection: string,
  key: string,
): Promise<StoredRecord | null> {
  const def = collectionDef(ctx, collection);
  const promoted = await promoteNext(ctx, collection, def, key, (doc, t) =>
    moveRecord(ctx, collection, doc, t, {}, 'system'),
  );
  if (promoted) await deliver(ctx, waitlistRule(def)?.waitlist.notify, promoted);
  return promoted;
}

/** After a write freed places (`cap:<rule>:<key>` entries): moves the waitlist's line. */
async function afterFreed(
  ctx: PluginContext,
  collection: string,
  def: CollectionDef,
  freed: string[],
): Promise<void> {
  const wl = waitlistRule(def);
  if (!wl) return;
  for (const entry of freed) {
    const place = freedPlace(entry);
    if (place?.index === wl.index) await promoteWaiting(ctx, collection, place.key);
  }
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
  await noted(ctx, collection, doc._id);
  if (toFree.length) await releaseSeats(ctx.db, doc._id, toFree);
  await attachUploads(ctx, refs, { collection, recordId: doc._id });
  await noteGuards(ctx, collection, doc, after);
  await afterFreed(ctx, collection, def, toFree);
  return after;
}

/** Deletes a record (guarded by its revision) and frees every place it held. */
export async function removeRecord(
  ctx: PluginContext,
  collection: string,
  doc: StoredRecord,
): Promise<void> {
  const def = collectionDef(ctx, collection);
  await keepNumbersTaken(ctx.db, [doc]);
  if (!(await applyChange(ctx.db, recordsOf(ctx, collection), doc, { remove: true })))
    throw lostRace();
  await noted(ctx, collection, doc._id, numberOf(doc));
  await releaseSeats(ctx.db, doc._id);
  if (isWaiting(def, doc)) await leaveLine(ctx.db, doc._id);
  const wl = waitlistRule(def);
  if (wl && applies(ctx, def, wl.rule, doc))
    await promoteWaiting(ctx, collection, keyOf(ctx, collection, wl.index, wl.rule, doc));
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
    // In words with the state's label: two counters writing off one code, the second is told
    // it was already collected.
    const label = wf.states.find((s) => s.id === from)?.label;
    throw conflict(`This cannot be done while the record is "${from}".`, {
      code: 'invalid_state',
      state: from,
      ...(label
        ? {
            message: {
              'zh-CN': `当前已是「${label['zh-CN']}」，不能再办理此事项。`,
              en: `It is already “${label.en}”; this can no longer be done.`,
            },
          }
        : {}),
    });
  }
  if (t.where && !evaluateFilter(t.where, doc, ctx.vars))
    throw forbidden('This step is not open to you for this record.');
  const at = ctx.now.toISOString();
  const actedBy = by !== 'system' ? ctx.actor?.accountId : undefined;
  const entry: HistoryEntry = {
    transition: t.id,
    from,
    to: t.to,
    by,
    ...(actedBy && actedBy !== by ? { actedBy } : {}),
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
  await noted(ctx, collection, doc._id);
  if (toFree.length) await releaseSeats(ctx.db, doc._id, toFree);
  if (isWaiting(def, doc) && !isWaiting(def, after)) await leaveLine(ctx.db, doc._id);
  await releaseRedeemedPlaces(ctx, collection, after);
  await attachUploads(ctx, refs, { collection, recordId: doc._id });
  await noteGuards(ctx, collection, doc, after);
  await afterFreed(ctx, collection, def, toFree);
  return after;
}

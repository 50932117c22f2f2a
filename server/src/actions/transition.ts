import type { CollectionDef, Transition, TransitionAction } from '@scene/schema';
import { badRequest, conflict, forbidden, notFound } from '../http/errors';
import { collectionDef, recordsOf, type PluginContext } from '../records/context';
import { evaluateFilter } from '../records/filter';
import { findReadable } from '../records/read';
import { applyChange } from '../records/revisions';
import type { HistoryEntry, StoredRecord } from '../records/types';
import { viewFor } from '../records/view';
import { deliver } from '../notifications/service';
import { awardForAction } from '../points/service';
import { attachUploads } from '../uploads/service';
import { claimCapacity, undoCapacity } from './capacity';
import { releaseSeats } from './seats';
import {
  serverValues,
  uploadRefs,
  validateInput,
  validateRecord,
  withoutSystemFields,
  type ActionResult,
} from './common';
import { afterSourceChange, runAutoTransitions } from './auto';
import { releaseRedeemed } from './redeem';
import { checkDeadline, checkOptions } from './guards';

export const MAX_COMMENT = 500;

export function findTransition(def: CollectionDef, id: string): Transition | undefined {
  return def.workflow?.transitions.find((t) => t.id === id);
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
    throw conflict('Someone else changed this record just now; reload and try again.', {
      code: 'lost_race',
    });
  }
  if (toFree.length) await releaseSeats(ctx.db, doc._id, toFree);
  await releaseRedeemed(ctx, collection, after);
  await attachUploads(ctx, refs, { collection, recordId: doc._id });
  return after;
}

export async function runTransition(
  ctx: PluginContext,
  name: string,
  action: TransitionAction,
  recordId: unknown,
  input: unknown,
  comment: unknown,
): Promise<ActionResult> {
  const def = collectionDef(ctx, action.collection);
  const t = findTransition(def, action.transition);
  if (!t) throw notFound('This step does not exist in the workflow.');
  if (![...ctx.roles].some((r) => t.roles.includes(r as never))) throw forbidden();
  if (comment !== undefined && (typeof comment !== 'string' || comment.length > MAX_COMMENT)) {
    throw badRequest(`A comment is text of at most ${MAX_COMMENT} characters.`);
  }
  const valid = validateInput(ctx, name, input);
  if (recordId === undefined) throw badRequest('Say which record (recordId).');
  const doc = await findReadable(ctx, action.collection, def, recordId as string);
  if (!doc) throw notFound('No such record.');
  const fields = {
    ...withoutSystemFields(valid, def.workflow!.field),
    ...(await serverValues(ctx, action.collection, action.set)),
  };
  checkDeadline(ctx, action.deadline, doc);
  checkOptions(ctx, def, fields);
  const after = await moveRecord(
    ctx,
    action.collection,
    doc,
    t,
    fields,
    ctx.caller!.accountId,
    comment as string | undefined,
  );
  const award = await awardForAction(ctx, name, action.points, after);
  await deliver(ctx, [...(t.notify ?? []), ...(action.notify ?? [])], after);
  await afterSourceChange(ctx, action.collection, after);
  const latest = await runAutoTransitions(ctx, action.collection, after);
  return {
    status: 200,
    body: {
      record: viewFor(ctx.manifest, def, ctx.roles, ctx.caller, latest),
      pointsAwarded: award?.delta ?? 0,
    },
  };
}

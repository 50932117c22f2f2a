import type { CollectionDef, Transition, TransitionAction } from '@scene/schema';
import { badRequest, forbidden, notFound } from '../../http/errors';
import { collectionDef, type PluginContext } from '../records/context';
import { findReadable } from '../records/read';
import { holdsAny } from '../records/roles';
import { presentOne } from '../privacy/clear';
import { moveRecord } from '../records/write';
import { deliver } from '../notifications/service';
import { awardForAction } from '../points/service';
import { serverValues, validateInput, withoutSystemFields, type ActionResult } from './common';
import { afterSourceChange, runAutoTransitions } from './auto';
import { checkDeadline, checkMatch, checkOptions } from './guards';
import { checkAssignee } from '../people/assign';
import type { StoredRecord } from '../records/types';
import { findByCode } from './find-by';

export const MAX_COMMENT = 500;

export function findTransition(def: CollectionDef, id: string): Transition | undefined {
  return def.workflow?.transitions.find((t) => t.id === id);
}

/** The record by its id, or for a `findBy` step by the code typed (never both). */
async function target(
  ctx: PluginContext,
  action: TransitionAction,
  def: CollectionDef,
  recordId: unknown,
  input: Record<string, unknown>,
): Promise<StoredRecord> {
  if (action.findBy) {
    if (recordId !== undefined)
      throw badRequest('This step finds its record by the code typed; send no recordId.');
    return findByCode(ctx, action.collection, def, action.findBy, input);
  }
  if (recordId === undefined) throw badRequest('Say which record (recordId).');
  const doc = await findReadable(ctx, action.collection, def, recordId as string);
  if (!doc) throw notFound('No such record.');
  return doc;
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
  if (!holdsAny(ctx.roles, t.roles)) throw forbidden();
  if (comment !== undefined && (typeof comment !== 'string' || comment.length > MAX_COMMENT)) {
    throw badRequest(`A comment is text of at most ${MAX_COMMENT} characters.`);
  }
  const valid = validateInput(ctx, name, input);
  const doc = await target(ctx, action, def, recordId, valid);
  checkMatch(action, valid, doc);
  const fields = {
    ...withoutSystemFields(valid, def.workflow!.field),
    ...(await serverValues(ctx, action.set)),
  };
  checkDeadline(ctx, action.deadline, doc);
  checkOptions(ctx, def, fields);
  await checkAssignee(ctx, t, fields);
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
      record: await presentOne(ctx, def, action.collection, name, latest),
      pointsAwarded: award?.delta ?? 0,
    },
  };
}

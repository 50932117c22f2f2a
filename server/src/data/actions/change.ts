import type { DeleteAction, UpdateAction } from '@scene/schema';
import { badRequest, notFound } from '../../http/errors';
import { collectionDef, recordsOf, type PluginContext } from '../records/context';
import { compileFilter } from '../records/filter';
import { checkRecordId, readableFilter } from '../records/read';
import type { StoredRecord } from '../records/types';
import { presentOne } from '../privacy/clear';
import { removeRecord, updateRecord } from '../records/write';
import { deliver } from '../notifications/service';
import { awardForAction } from '../points/service';
import { serverValues, validateInput, withoutSystemFields, type ActionResult } from './common';
import { afterSourceChange, runAutoTransitions } from './auto';
import { checkDeadline, checkOptions } from './guards';

/** The record an update or delete may touch: readable by the caller and matching the action's `where`. */
async function target(
  ctx: PluginContext,
  collection: string,
  where: UpdateAction['where'],
  recordId: unknown,
): Promise<StoredRecord> {
  if (recordId === undefined) throw badRequest('Say which record (recordId).');
  const def = collectionDef(ctx, collection);
  const own = compileFilter(where, { communityId: ctx.communityId, vars: ctx.vars });
  const doc = await recordsOf(ctx, collection).findOne({
    $and: [readableFilter(ctx, def), own, { _id: checkRecordId(recordId) }],
  });
  if (!doc) throw notFound('No such record, or it is not yours to change.');
  return doc;
}

export async function runUpdate(
  ctx: PluginContext,
  name: string,
  action: UpdateAction,
  recordId: unknown,
  input: unknown,
): Promise<ActionResult> {
  const def = collectionDef(ctx, action.collection);
  const valid = validateInput(ctx, name, input);
  const doc = await target(ctx, action.collection, action.where, recordId);
  // The workflow field moves only through transitions.
  const set = {
    ...withoutSystemFields(valid, def.workflow?.field),
    ...(await serverValues(ctx, action.set)),
    updatedAt: ctx.now.toISOString(),
  };
  checkDeadline(ctx, action.deadline, doc);
  checkOptions(ctx, def, set);
  const after = await updateRecord(ctx, action.collection, doc, set, valid);
  const award = await awardForAction(ctx, name, action.points, after);
  await deliver(ctx, action.notify, after);
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

export async function runDelete(
  ctx: PluginContext,
  name: string,
  action: DeleteAction,
  recordId: unknown,
  input: unknown,
): Promise<ActionResult> {
  validateInput(ctx, name, input);
  const doc = await target(ctx, action.collection, action.where, recordId);
  checkDeadline(ctx, action.deadline, doc);
  await removeRecord(ctx, action.collection, doc);
  await deliver(ctx, action.notify, doc);
  await afterSourceChange(ctx, action.collection, doc);
  return { status: 200, body: { record: null, deleted: doc._id, pointsAwarded: 0 } };
}

import type { CreateAction } from '@scene/schema';
import { Types } from 'mongoose';
import { conflict } from '../http/errors';
import { collectionDef, recordsOf, type PluginContext } from '../records/context';
import type { StoredRecord } from '../records/types';
import { viewFor } from '../records/view';
import { deliver } from '../notifications/service';
import { awardForAction } from '../points/service';
import { attachUploads } from '../uploads/service';
import { claimCapacity, undoCapacity } from './capacity';
import {
  serverValues,
  uploadRefs,
  validateInput,
  validateRecord,
  withoutSystemFields,
  isDuplicateKey,
  type ActionResult,
} from './common';
import { afterSourceChange } from './auto';
import { checkDeadline, checkOptions, checkParent } from './guards';

/** Builds a new record: input, then server values, then the workflow's initial state and system fields. */
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

/**
 * Inserts a record under the collection's capacity rules and unique indexes. Seats are taken
 * first and given back if the insert fails, so a refused record never holds a place.
 */
export async function insertRecord(
  ctx: PluginContext,
  collection: string,
  doc: StoredRecord,
  duplicate?: CreateAction['duplicateMessage'],
) {
  const def = collectionDef(ctx, collection);
  validateRecord(ctx, collection, doc);
  const refs = await uploadRefs(ctx, def, doc);
  const { taken } = await claimCapacity(ctx, collection, def, doc._id, undefined, doc);
  try {
    await recordsOf(ctx, collection).insertOne(doc);
  } catch (err) {
    await undoCapacity(ctx, doc._id, taken);
    if (isDuplicateKey(err)) {
      throw conflict(duplicate?.en ?? 'This already exists.', {
        code: 'duplicate',
        message: duplicate ?? { 'zh-CN': '已经存在，不能重复提交。', en: 'This already exists.' },
      });
    }
    throw err;
  }
  await attachUploads(ctx, refs, { collection, recordId: doc._id });
}

export async function runCreate(
  ctx: PluginContext,
  name: string,
  action: CreateAction,
  input: unknown,
): Promise<ActionResult> {
  const def = collectionDef(ctx, action.collection);
  const valid = validateInput(ctx, name, input);
  const fields = {
    ...withoutSystemFields(valid, def.workflow?.field),
    ...(await serverValues(ctx, action.collection, action.set)),
  };
  checkDeadline(ctx, action.deadline, fields);
  checkOptions(ctx, def, fields);
  await checkParent(ctx, action, fields);
  const doc = newRecord(ctx, action.collection, fields);
  await insertRecord(ctx, action.collection, doc, action.duplicateMessage);
  const award = await awardForAction(ctx, name, action.points, doc);
  await deliver(ctx, action.notify, doc);
  await afterSourceChange(ctx, action.collection, doc);
  return {
    status: 201,
    body: {
      record: viewFor(ctx.manifest, def, ctx.roles, ctx.caller, doc),
      pointsAwarded: award?.delta ?? 0,
    },
  };
}

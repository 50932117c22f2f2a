import type { CreateAction, RepeatDef } from '@scene/schema';
import { Types } from 'mongoose';
import type { StoredRecord } from '../records/types';
import { collectionDef, type PluginContext } from '../records/context';
import { presentOne } from '../privacy/clear';
import { insertRecord, newRecord, removeRecord } from '../records/write';
import { deliver } from '../notifications/service';
import { awardForAction } from '../points/service';
import { serverValues, validateInput, withoutSystemFields, type ActionResult } from './common';
import { afterSourceChange } from './auto';
import { checkDeadline, checkOptions, checkParent, copiedOptions } from './guards';
import { repeats, seriesDates } from './repeat';

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
  Object.assign(fields, copiedOptions(ctx, def, action.copy, fields));
  await checkParent(ctx, action, fields);
  const docs = repeats(action)
    ? await insertSeries(ctx, action, fields)
    : [newRecord(ctx, action.collection, fields)];
  const doc = docs[0]!;
  const waiting = repeats(action)
    ? undefined
    : await insertRecord(ctx, action.collection, doc, action.duplicateMessage);
  const award = await awardForAction(ctx, name, action.points, doc);
  // A record that joined a waitlist is not what the action's notices announce (e.g. "booked");
  // the waitlist's own notices follow its promotion.
  if (!waiting) await deliver(ctx, action.notify, doc);
  for (const d of docs) await afterSourceChange(ctx, action.collection, d);
  return {
    status: 201,
    body: {
      record: await presentOne(ctx, def, action.collection, name, doc),
      pointsAwarded: award?.delta ?? 0,
      ...(waiting ? { waitlist: waiting } : {}),
      ...(repeats(action) ? { series: { id: String(doc.seriesId), count: docs.length } } : {}),
    },
  };
}

/**
 * One record per date of the input's repeat rule, sharing a `seriesId`: all or nothing (a date
 * that is full or a duplicate removes the ones already made, and the whole create is refused).
 */
async function insertSeries(
  ctx: PluginContext,
  action: CreateAction & { repeat: RepeatDef },
  fields: Record<string, unknown>,
): Promise<StoredRecord[]> {
  const { repeat } = action;
  const dates = seriesDates(repeat, fields[repeat.rule], fields[repeat.dateField]);
  const seriesId = new Types.ObjectId().toHexString();
  const made: StoredRecord[] = [];
  try {
    for (const date of dates) {
      const doc = newRecord(ctx, action.collection, {
        ...fields,
        [repeat.dateField]: date,
        seriesId,
      });
      await insertRecord(ctx, action.collection, doc, action.duplicateMessage);
      made.push(doc);
    }
  } catch (err) {
    for (const doc of made) await removeRecord(ctx, action.collection, doc);
    throw err;
  }
  return made;
}

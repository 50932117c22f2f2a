import type { CreateAction } from '@scene/schema';
import { collectionDef, type PluginContext } from '../records/context';
import { viewFor } from '../records/view';
import { insertRecord, newRecord } from '../records/write';
import { deliver } from '../notifications/service';
import { awardForAction } from '../points/service';
import { serverValues, validateInput, withoutSystemFields, type ActionResult } from './common';
import { afterSourceChange } from './auto';
import { checkDeadline, checkOptions, checkParent } from './guards';

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
  const waiting = await insertRecord(ctx, action.collection, doc, action.duplicateMessage);
  const award = await awardForAction(ctx, name, action.points, doc);
  // A record that joined a waitlist is not what the action's notices announce (e.g. "booked");
  // the waitlist's own notices follow its promotion.
  if (!waiting) await deliver(ctx, action.notify, doc);
  await afterSourceChange(ctx, action.collection, doc);
  return {
    status: 201,
    body: {
      record: viewFor(ctx.manifest, def, ctx.roles, ctx.caller, doc),
      pointsAwarded: award?.delta ?? 0,
      ...(waiting ? { waitlist: waiting } : {}),
    },
  };
}

import type { CreateAction, Notify, RepeatDef } from '@scene/schema';
import { Types } from 'mongoose';
import type { StoredRecord } from '../records/types';
import { collectionDef, type PluginContext } from '../records/context';
import { presentOne } from '../privacy/clear';
import {
  insertRecord,
  newRecord,
  removeRecord,
  type NumberedInsert,
  type Waiting,
} from '../records/write';
import { deliver, dueNotices } from '../notifications/service';
import { carry, CARRIED, queueCarried } from '../notifications/carried';
import { noticeJobs, type NotifyJob } from '../notifications/queue';
import { hasScope } from '../records/roles';
import { waitlistRule } from '../records/waitlist';
import { awardForAction } from '../points/service';
import {
  recordMonths,
  serverValues,
  validateInput,
  withoutSystemFields,
  type ActionResult,
} from './common';
import { afterSourceChange, runAutoTransitions } from './auto';
import {
  checkDeadline,
  checkHours,
  checkOffered,
  checkOpens,
  checkOptions,
  checkParent,
  copiedOptions,
} from './guards';
import { takeConfigFields } from './fields-from';
import { checkPause } from '../pauses/tally';
import { anonymize, claimOnce, isAnonymous, releaseOnce } from './once';
import { insertNumbered } from './numbering';
import { repeats, seriesDates } from './repeat';

export async function runCreate(
  ctx: PluginContext,
  name: string,
  action: CreateAction,
  input: unknown,
): Promise<ActionResult> {
  const def = collectionDef(ctx, action.collection);
  await checkPause(ctx, action);
  const fromConfig = takeConfigFields(ctx, action, input ?? {});
  const valid = validateInput(ctx, name, fromConfig.input);
  const fields = {
    ...withoutSystemFields(valid, def.workflow?.field),
    ...fromConfig.fields,
    ...(await serverValues(ctx, action.set)),
  };
  // Before the cut-offs: a sign-up's date may be its event's (`parent.copy`).
  Object.assign(fields, await checkParent(ctx, action, fields));
  checkOpens(ctx, action.opens, fields);
  checkDeadline(ctx, action.deadline, fields);
  checkOffered(ctx, action.offered, fields);
  checkOptions(ctx, def, fields);
  Object.assign(fields, copiedOptions(ctx, def, action.copy, fields));
  Object.assign(fields, checkHours(ctx, def, action.hours, fields));
  Object.assign(fields, recordMonths(ctx, action.set, fields));
  const claim = await claimOnce(ctx, name, action, fields);
  let docs: StoredRecord[];
  let waiting: Waiting | undefined;
  let carried: NotifyJob[] | undefined;
  try {
    if (repeats(action)) {
      docs = await insertSeries(ctx, action, fields);
    } else {
      const made = newRecord(ctx, action.collection, fields);
      docs = [isAnonymous(ctx, action.once) ? anonymize(ctx, made) : made];
      const carries = carriesNotices(ctx, action);
      waiting = await insertNumbered(
        ctx,
        action.collection,
        docs[0]!,
        action.set,
        async (doc, num) => {
          // Named by this attempt's `_id` (a number another process took renames the record).
          if (carries) carried = await carriedNotices(ctx, name, action.notify ?? [], doc);
          return insertRecord(ctx, action.collection, doc, action.duplicateMessage, num);
        },
      );
    }
  } catch (err) {
    await releaseOnce(ctx, claim);
    throw err;
  }
  // The record is in: its notices are queued in the background (carried.ts).
  if (carried) queueCarried(ctx.db, carried);
  // A new record may already qualify for an `auto` transition (a room that needs no approval).
  if (!waiting && docs.length === 1)
    docs[0] = await runAutoTransitions(ctx, action.collection, docs[0]!);
  const doc = docs[0]!;
  const award = await awardForAction(ctx, name, action.points, doc);
  // A record that joined a waitlist is not what the action's notices announce (e.g. "booked");
  // the waitlist's own notices follow its promotion.
  if (!carried && !waiting) await deliver(ctx, action.notify, doc);
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
 * Whether the create's record carries its notices (notifications/carried.ts): only when nothing
 * after the insert changes what they say or whether they go (no `auto` transition, no waitlist:
 * a record that joins the line is not announced), and outside a schedule's batch, which sends
 * its notices grouped.
 */
function carriesNotices(ctx: PluginContext, action: CreateAction): boolean {
  const def = collectionDef(ctx, action.collection);
  return (
    !!action.notify?.length &&
    !ctx.notices &&
    hasScope(ctx.manifest, 'notify:send') &&
    !waitlistRule(def) &&
    !def.workflow?.transitions.some((t) => t.auto)
  );
}

/**
 * The jobs of the notices due for `doc`, written into it, when one goes to a role (a job for the
 * worker anyway); otherwise none, and the create delivers as any write does (`deliver`).
 */
async function carriedNotices(
  ctx: PluginContext,
  name: string,
  notify: Notify[],
  doc: StoredRecord,
): Promise<NotifyJob[] | undefined> {
  delete doc[CARRIED];
  const list = await noticeJobs(ctx, dueNotices(ctx, notify, doc), doc);
  if (!list.some(({ job }) => job.roles.length > 0)) return undefined;
  carry(doc, name, notify, list);
  return list.map(({ job }) => job);
}

/**
 * One record per date of the input's repeat rule, sharing a `seriesId` and the first record's
 * code and number: all or nothing (a date that is full or a duplicate removes the ones already
 * made, and the whole create is refused).
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
  const insert = (doc: StoredRecord, num?: NumberedInsert) =>
    insertRecord(ctx, action.collection, doc, action.duplicateMessage, num);
  try {
    for (const date of dates) {
      // Each record of a series is numbered on its own: two sessions of one class are two
      // records, each with its own number and found by its own code at the door.
      const doc = newRecord(ctx, action.collection, {
        ...fields,
        [repeat.dateField]: date,
        seriesId,
      });
      await insertNumbered(ctx, action.collection, doc, action.set, insert);
      made.push(doc);
    }
  } catch (err) {
    for (const doc of made) await removeRecord(ctx, action.collection, doc);
    throw err;
  }
  return made;
}

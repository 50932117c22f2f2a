import {
  addDays,
  guardRule,
  localDate,
  parseDate,
  PAUSED_MESSAGE,
  pauseEnds,
  withUntil,
  type CreateAction,
  type GuardDef,
  type GuardEntry,
  type GuardRule,
  type LocalizedText,
  type PluginManifest,
} from '@scene/schema';
import type { mongo } from 'mongoose';
import { racedUpsert } from '../../db/errors';
import { conflict } from '../../http/errors';
import { own } from '../../own';
import { deliver } from '../notifications/service';
import { recordsOf, type PluginContext } from '../records/context';
import { evaluateFilter } from '../records/filter';
import { GUARD_TALLIES } from '../records/names';
import type { StoredRecord } from '../records/types';

/**
 * A `guard` (manifest v2): "3 no-shows within 30 days pause new bookings for 14 days". Counting a
 * person's records would scan the collection on the local database (it uses no index but
 * `_id`), so the write layer keeps one tally per person and guard, read by its `_id`: each
 * record that starts to match the guard's `where` is added with its day. The tally only says
 * which records to look at; a pause counts those that still match (a deleted or erased record,
 * one moved back, no longer counts), from after the last early lift.
 */
export interface TallyDoc {
  _id: string;
  communityId: string;
  pluginId: string;
  guard: string;
  person: string;
  entries: GuardEntry[];
  /** The last early lift: records counted until then no longer pause anything. */
  liftedAt?: string;
  lifts?: { at: string; by: string; note: string; until: string }[];
}

export const tallies = (db: mongo.Db) => db.collection<TallyDoc>(GUARD_TALLIES);

export const tallyId = (ctx: PluginContext, guard: string, person: string) =>
  `${ctx.communityId}|${ctx.plugin.pluginId}|${guard}|${person}`;

type Guarded = { action: string; def: GuardDef; collection: string };
/** Per installed manifest (immutable, as a published version is): asked on every create. */
const guarded = new WeakMap<PluginManifest, readonly Guarded[]>();

/** The guards of the plugin (on its create actions), each with the collection it counts. */
export function guardsOf(manifest: PluginManifest): readonly Guarded[] {
  let list = guarded.get(manifest);
  if (!list) {
    list = Object.entries(manifest.actions).flatMap(([action, a]) =>
      a.type === 'create' && a.guard
        ? [{ action, def: a.guard, collection: a.guard.collection ?? a.collection }]
        : [],
    );
    guarded.set(manifest, list);
  }
  return list;
}

export function ruleOf(ctx: PluginContext, def: GuardDef): GuardRule | undefined {
  return guardRule(def, (bind) => own(ctx.vars, bind));
}

/** The local day a record counts on: its date field, or its timestamp read in the zone. */
function dayOf(
  ctx: PluginContext,
  def: GuardDef,
  doc: Record<string, unknown>,
): string | undefined {
  const v = doc[def.date];
  if (typeof v !== 'string') return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const at = new Date(v);
  return Number.isNaN(at.getTime()) ? undefined : localDate(at, ctx.timeZone);
}

/** Whom a record counts for: its creator, never the platform or an anonymous answer. */
function personOf(doc: Record<string, unknown>): string | undefined {
  const p = doc.createdBy;
  return typeof p === 'string' && p !== 'system' && p !== 'anonymous' ? p : undefined;
}

/**
 * After a write (`before` undefined for a new record): a record that starts to match a guard is
 * added to its person's tally; when it starts a pause, the guard's notices go out about it with
 * the day bookings open again. Called by the record-writing layer for every write.
 */
export async function noteGuards(
  ctx: PluginContext,
  collection: string,
  before: Record<string, unknown> | undefined,
  after: StoredRecord,
): Promise<void> {
  for (const g of guardsOf(ctx.manifest)) {
    if (g.collection !== collection) continue;
    if (!evaluateFilter(g.def.where, after, ctx.vars)) continue;
    if (before && evaluateFilter(g.def.where, before, ctx.vars)) continue;
    const person = personOf(after);
    const day = dayOf(ctx, g.def, after);
    if (!person || !day) continue;
    // One read of what counted before; with the new record added, what counts now.
    const rule = ruleOf(ctx, g.def);
    const tally = await readTally(ctx, g.def.id, person);
    const counted = rule ? await countedRecords(ctx, g.def, rule, person, tally) : [];
    const was = rule && pauseFrom(ctx, g.def, rule, counted);
    await addEntry(ctx, g.def.id, person, { id: after._id, day, at: ctx.now.toISOString() });
    if (rule) await forgetOld(ctx, g.def.id, person, rule, tally);
    const now =
      rule && pauseFrom(ctx, g.def, rule, [...counted.filter((d) => d._id !== after._id), after]);
    if (now && now.until !== was?.until && g.def.notify?.length)
      await deliver(
        ctx,
        g.def.notify.map((n) => ({
          ...n,
          title: withUntil(n.title, now.until),
          ...(n.body ? { body: withUntil(n.body, now.until) } : {}),
        })),
        after,
      );
  }
}

async function addEntry(
  ctx: PluginContext,
  guard: string,
  person: string,
  entry: GuardEntry,
): Promise<void> {
  const _id = tallyId(ctx, guard, person);
  const push = () =>
    tallies(ctx.db).updateOne(
      { _id },
      {
        $push: { entries: entry },
        $setOnInsert: {
          communityId: ctx.communityId,
          pluginId: ctx.plugin.pluginId,
          guard,
          person,
        },
      },
      { upsert: true },
    );
  // Two first entries at once: the loser pushes onto the tally the winner created.
  await racedUpsert(push);
}

/**
 * The first local day whose records can still pause anyone: a record pauses until its day +
 * `pauseDays`, counting the `withinDays` before it, so nothing older can matter again.
 */
function horizon(ctx: PluginContext, rule: GuardRule): string {
  const today = parseDate(localDate(ctx.now, ctx.timeZone))!;
  return addDays(today, 1 - rule.pauseDays - rule.withinDays);
}

/**
 * Drops the tally's entries older than the horizon (only when it has some), so a person's tally
 * stays as small as the guard's window however long they have been booking.
 */
async function forgetOld(
  ctx: PluginContext,
  guard: string,
  person: string,
  rule: GuardRule,
  tally: TallyDoc | null,
): Promise<void> {
  const from = horizon(ctx, rule);
  const old = (tally?.entries ?? []).filter((e) => e.day < from);
  if (!old.length) return;
  // The old entries by value, as read: an entry pushed meanwhile is not among them and stays.
  await tallies(ctx.db).updateOne(
    { _id: tallyId(ctx, guard, person) },
    { $pullAll: { entries: old } },
  );
}

/** A person's pause under a guard, while it lasts: the day the action opens again. */
export interface Pause {
  until: string;
  message: LocalizedText;
}

/**
 * The records a tally names that still count: added after the last lift, read by `_id`, still
 * the person's and still matching (a deleted, erased or moved-back record no longer counts).
 */
async function countedRecords(
  ctx: PluginContext,
  def: GuardDef,
  rule: GuardRule,
  person: string,
  tally: TallyDoc | null,
): Promise<Record<string, unknown>[]> {
  const since = tally?.liftedAt ?? '';
  const from = horizon(ctx, rule);
  const ids = [
    ...new Set(
      (tally?.entries ?? []).filter((e) => e.at > since && e.day >= from).map((e) => e.id),
    ),
  ];
  const name = guardsOf(ctx.manifest).find((g) => g.def.id === def.id)?.collection;
  if (ids.length === 0 || !name) return [];
  // One read by `_id` each: the local database pushes down nothing else (an `$in` decodes every
  // record of the collection, of every community), and a window holds a handful.
  const docs = await Promise.all(ids.map((_id) => recordsOf(ctx, name).findOne({ _id })));
  return docs.filter(
    (d): d is NonNullable<typeof d> =>
      d !== null && d.createdBy === person && evaluateFilter(def.where, d, ctx.vars),
  );
}

/** The pause the counted records make under `rule`, while it lasts. */
function pauseFrom(
  ctx: PluginContext,
  def: GuardDef,
  rule: GuardRule,
  counted: Record<string, unknown>[],
): Pause | undefined {
  const until = pauseEnds(
    counted.map((d) => ({ day: dayOf(ctx, def, d) ?? '' })),
    rule,
  );
  if (!until || until <= localDate(ctx.now, ctx.timeZone)) return undefined;
  return { until, message: withUntil(def.message ?? PAUSED_MESSAGE, until) };
}

const readTally = (ctx: PluginContext, guard: string, person: string) =>
  tallies(ctx.db).findOne({ _id: tallyId(ctx, guard, person) });

/**
 * Whether the guard pauses `person` today: their tally (one read by `_id`, or the one the
 * caller read already) and the records it names that still count.
 */
export async function pauseOf(
  ctx: PluginContext,
  def: GuardDef,
  person: string,
  tally?: TallyDoc | null,
): Promise<Pause | undefined> {
  const rule = ruleOf(ctx, def);
  if (!rule) return undefined;
  const read = tally === undefined ? await readTally(ctx, def.id, person) : tally;
  return pauseFrom(ctx, def, rule, await countedRecords(ctx, def, rule, person, read));
}

/** Refuses a create action while its guard pauses the person it runs for (409 `paused`). */
export async function checkPause(ctx: PluginContext, action: CreateAction): Promise<void> {
  const person = ctx.caller?.accountId;
  if (!action.guard || !person) return;
  const pause = await pauseOf(ctx, action.guard, person);
  if (pause)
    throw conflict(pause.message.en, {
      code: 'paused',
      until: pause.until,
      message: pause.message,
    });
}

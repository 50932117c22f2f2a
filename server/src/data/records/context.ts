import type { CollectionDef, PluginManifest } from '@scene/schema';
import type { mongo } from 'mongoose';
import { forbidden, notFound } from '../../http/errors';
import type { NotifyJob } from '../notifications/queue';
import { own } from '../../own';
import type { ChangeKey } from './changes';
import { filterVars, type FilterVars } from './filter';
import { recordCollectionName } from './names';
import { callerRoles, type Caller } from './roles';
import type { DataPlaneDeps, InstalledPlugin, StoredRecord } from './types';

/** Everything one data-plane call knows: who, where, which plugin, when. */
export interface PluginContext {
  deps: DataPlaneDeps;
  db: mongo.Db;
  communityId: string;
  plugin: InstalledPlugin;
  manifest: PluginManifest;
  /** Whom the call is for: their roles, their `user.id`, the records' `createdBy`. */
  caller: Caller;
  /**
   * Who is making the call: the caller, or a family member acting for them (`onBehalf`), who
   * is kept as `actedBy` on what they write.
   */
  actor: Caller;
  /**
   * A visitor's browser id (from the signed participation cookie) when the caller is no member
   * and the action is open to visitors: it keys their `once` claim and nothing else.
   */
  visitor?: string;
  roles: Set<string>;
  now: Date;
  /** The community's IANA time zone: `today`, deadlines, schedules and buckets are local to it. */
  timeZone: string;
  vars: FilterVars;
  /**
   * Set by a schedule's batch: notices are collected here and sent grouped per person when the
   * batch ends (notifications/queue.ts `sendCollected`), instead of one inbox write per record.
   */
  notices?: NotifyJob[];
  /**
   * Set by an action: the change-log notes of its record writes (changes.ts) are gathered here
   * and awaited before it answers (`settleNotes`), so a create's note overlaps its notices'
   * insert instead of adding a round trip's wait. Without it each write awaits its own note.
   */
  notes?: Promise<void>[];
  /**
   * Set by a schedule's batch: its record writes hand their change-log notes here, and it
   * writes them several records to a note (schedules/notes.ts) instead of one note per write.
   */
  heldNotes?: HeldNotes;
  /**
   * Set by a schedule's batch: records whose insert claims, checks and tells nothing (`plainInsert`
   * in write.ts) are handed here and inserted with the batch's others in one write
   * (schedules/inserts.ts) instead of one insert each.
   */
  heldInserts?: HeldInserts;
}

/** Where a plain insert goes when a caller groups them (PluginContext.heldInserts). */
export interface HeldInserts {
  hold(collection: string, doc: StoredRecord): void;
}

/** Where a write's change-log note goes when a caller groups them (PluginContext.heldNotes). */
export interface HeldNotes {
  /** Resolves once the note is written, or at once while it is held for the group. */
  hold(key: ChangeKey, id: string, num?: number): Promise<void>;
}

/**
 * Runs `work` with the context's record notes gathered, and answers only after every note is
 * written (also when `work` failed: a record it wrote must still reach every process's lists).
 */
export async function settleNotes<T>(
  ctx: PluginContext,
  work: (ctx: PluginContext) => Promise<T>,
): Promise<T> {
  const notes: Promise<void>[] = [];
  let out: T;
  try {
    out = await work({ ...ctx, notes });
  } catch (err) {
    await Promise.allSettled(notes);
    throw err;
  }
  await Promise.all(notes);
  return out;
}

/**
 * Resolves the plugin from the community's installation (never from the request body) and the
 * caller's roles for it. A caller built for another community is refused outright.
 */
export async function loadContext(
  deps: DataPlaneDeps,
  communityId: string,
  pluginId: string,
  caller: Caller,
  mode: 'read' | 'write',
  actor: Caller = caller,
): Promise<PluginContext> {
  if (caller && caller.communityId !== communityId)
    throw forbidden('You are not a member of this community.');
  const plugin = await deps.installed.get(communityId, pluginId);
  if (!plugin || plugin.communityId !== communityId)
    throw notFound('This plugin is not installed in this community.');
  if (mode === 'write' && plugin.status !== 'enabled') {
    throw forbidden('This plugin is disabled in this community; it accepts no changes.');
  }
  const db = deps.connection.db;
  if (!db) throw new Error('database not connected');
  const now = deps.now?.() ?? new Date();
  const roles = callerRoles(caller, plugin.manifest);
  const vars = filterVars(caller, roles, plugin.config, now, plugin.timeZone);
  if (caller && usesActsFor(plugin.manifest))
    vars['user.actsFor'] = [
      caller.accountId,
      ...(await deps.households.actsFor(communityId, caller.accountId)),
    ];
  // A query's figures of the caller's household (hours left this week) name its opaque key.
  if (caller && usesHousehold(plugin.manifest))
    vars['user.household'] = await deps.households.household(communityId, caller.accountId);
  return {
    deps,
    db,
    communityId,
    plugin,
    manifest: plugin.manifest,
    caller,
    actor,
    roles,
    now,
    timeZone: plugin.timeZone,
    vars,
  };
}

const actsForUse = new WeakMap<PluginManifest, boolean>();
/**
 * Whether any rule of the plugin names `user.actsFor`, or a query's figures are one person's
 * (`subject`): then each call reads the caller's links.
 */
function usesActsFor(manifest: PluginManifest): boolean {
  let uses = actsForUse.get(manifest);
  if (uses === undefined) {
    uses =
      JSON.stringify(manifest).includes('"user.actsFor"') ||
      Object.values(manifest.queries).some((q) => q.subject !== undefined);
    actsForUse.set(manifest, uses);
  }
  return uses;
}

const householdUse = new WeakMap<PluginManifest, boolean>();
/** Whether a query of the plugin filters by `user.household` (then each call reads the caller's links). */
function usesHousehold(manifest: PluginManifest): boolean {
  let uses = householdUse.get(manifest);
  if (uses === undefined) {
    uses = JSON.stringify(manifest.queries).includes('"user.household"');
    householdUse.set(manifest, uses);
  }
  return uses;
}

export function collectionDef(ctx: PluginContext, name: string): CollectionDef {
  const def = own(ctx.manifest.collections, name);
  if (!def) throw notFound(`No collection "${name}" in this plugin.`);
  return def;
}

export function recordsOf(
  ctx: Pick<PluginContext, 'db' | 'plugin'>,
  collection: string,
): mongo.Collection<StoredRecord> {
  return ctx.db.collection<StoredRecord>(recordCollectionName(ctx.plugin.pluginId, collection));
}

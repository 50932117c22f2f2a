import type { GuardDef, LocalizedText } from '@scene/schema';
import { badRequest, conflict, forbidden, notFound, unauthorized } from '../../http/errors';
import { loadContext, type PluginContext } from '../records/context';
import { holdsAny, type Caller } from '../records/roles';
import type { DataPlaneDeps } from '../records/types';
import { subjectOf } from '../people/acting';
import { guardsOf, pauseOf, tallies, tallyId } from './tally';

interface PluginRequest {
  communityId: string;
  pluginId: string;
  caller: Caller;
}

/**
 * The caller's own pause of a create action, or that of the family member they book for
 * (`forAccountId`, checked as the action checks it), so the booking page says why and until when
 * instead of offering slots the server would refuse. `until` is null while nothing pauses it.
 */
export async function myPause(
  deps: DataPlaneDeps,
  req: PluginRequest & { action: string; forAccountId?: string },
): Promise<{ until: string | null; message?: LocalizedText }> {
  if (!req.caller) throw unauthorized();
  const ctx = await loadContext(deps, req.communityId, req.pluginId, req.caller, 'read');
  const action = Object.hasOwn(ctx.manifest.actions, req.action)
    ? ctx.manifest.actions[req.action]
    : undefined;
  if (!action) throw notFound(`No action "${req.action}" in this plugin.`);
  const person = await subjectOf(deps, req.communityId, req.caller, action, req.forAccountId);
  const pause =
    action.type === 'create' && action.guard
      ? await pauseOf(ctx, action.guard, person.accountId)
      : undefined;
  return pause ? pause : { until: null };
}

/** The guard named, for those its `lift` names (anyone else: 403; no such guard: 404). */
async function liftable(
  deps: DataPlaneDeps,
  req: PluginRequest & { guard: string },
  mode: 'read' | 'write',
): Promise<{ ctx: PluginContext; def: GuardDef }> {
  if (!req.caller) throw unauthorized();
  const ctx = await loadContext(deps, req.communityId, req.pluginId, req.caller, mode);
  const def = guardsOf(ctx.manifest).find((g) => g.def.id === req.guard)?.def;
  if (!def) throw notFound(`No guard "${req.guard}" in this plugin.`);
  if (!holdsAny(ctx.roles, def.lift?.roles)) throw forbidden();
  return { ctx, def };
}

/** Who is paused under a guard now, by name, soonest end first (for those who may lift). */
export async function pausedPeople(
  deps: DataPlaneDeps,
  req: PluginRequest & { guard: string },
): Promise<{ accountId: string; displayName: string; until: string }[]> {
  const { ctx, def } = await liftable(deps, req, 'read');
  // A scan of this plugin's tallies: a page staff open now and then, never a booking's path.
  const people = await tallies(ctx.db)
    .find({ communityId: ctx.communityId, pluginId: ctx.plugin.pluginId, guard: def.id })
    .toArray();
  const paused: { accountId: string; until: string }[] = [];
  for (const tally of people) {
    const { person } = tally;
    const pause = await pauseOf(ctx, def, person, tally);
    if (pause) paused.push({ accountId: person, until: pause.until });
  }
  const names = await deps.members.displayNames(paused.map((p) => p.accountId));
  return paused
    .sort((a, b) => a.until.localeCompare(b.until))
    .map((p) => ({ ...p, displayName: names.get(p.accountId) ?? '' }));
}

/**
 * Ends a person's pause early, with a note (2–200 characters): the records counted so far no
 * longer pause anything. Audited: who lifted whose pause, under which guard, until when it
 * would have lasted, and the note.
 */
export async function liftPause(
  deps: DataPlaneDeps,
  req: PluginRequest & { guard: string; accountId: string; note: string },
): Promise<{ lifted: true; until: string }> {
  const note = typeof req.note === 'string' ? req.note.trim() : '';
  if (note.length < 2 || note.length > 200) {
    const en = 'Say why the pause is lifted (2 to 200 characters).';
    throw badRequest(en, {
      code: 'note_required',
      message: { 'zh-CN': '请填写提前解除的说明（2–200 字）。', en },
    });
  }
  const { ctx, def } = await liftable(deps, req, 'write');
  const pause = await pauseOf(ctx, def, req.accountId);
  if (!pause) {
    const en = 'This person’s bookings are not paused.';
    throw conflict(en, {
      code: 'not_paused',
      message: { 'zh-CN': '此人的预约没有被暂停。', en },
    });
  }
  const at = ctx.now.toISOString();
  await tallies(ctx.db).updateOne(
    { _id: tallyId(ctx, def.id, req.accountId) },
    {
      $set: { liftedAt: at },
      $push: { lifts: { at, by: req.caller!.accountId, note, until: pause.until } },
    },
  );
  await deps.audit.record(req.caller!, {
    communityId: req.communityId,
    action: 'records.pause-lift',
    target: { type: 'account', id: req.accountId },
    summary: { pluginId: req.pluginId, guard: def.id, until: pause.until, note },
  });
  return { lifted: true, until: pause.until };
}

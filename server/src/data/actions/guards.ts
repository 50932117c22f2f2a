import {
  cutOffAt,
  isOffered,
  parseDate,
  type ActionDef,
  type CollectionDef,
  type CreateAction,
  slotFields,
  type Deadline,
  type HoursDef,
  type OfferedDef,
  type TransitionAction,
} from '@scene/schema';
import { badRequest, conflict, notFound, validationFailed } from '../../http/errors';
import { own } from '../../own';
import { collectionDef, type PluginContext } from '../records/context';
import { findById, mayRead } from '../records/read';

function configValue(ctx: PluginContext, bind: string): unknown {
  return own(ctx.vars, bind);
}

/**
 * Refuses an action after its deadline: `date` field + `offsetDays` at `time`, read in the
 * community's time zone ("book lunch by 09:00 the same day").
 */
export function checkDeadline(
  ctx: PluginContext,
  deadline: Deadline | undefined,
  values: Record<string, unknown>,
): void {
  const at = cutOff(ctx, deadline, values);
  if (at && ctx.now.getTime() >= at.getTime()) {
    const message = deadline!.message ?? {
      'zh-CN': '已过截止时间。',
      en: 'The deadline has passed.',
    };
    throw conflict(message.en, { code: 'deadline_passed', message });
  }
}

/** Refuses a create before its `opens` time (a survey that has not started yet). */
export function checkOpens(
  ctx: PluginContext,
  opens: Deadline | undefined,
  values: Record<string, unknown>,
): void {
  const at = cutOff(ctx, opens, values);
  if (at && ctx.now.getTime() < at.getTime()) {
    const message = opens!.message ?? {
      'zh-CN': '还没有开始。',
      en: 'This has not opened yet.',
    };
    throw conflict(message.en, { code: 'not_open_yet', message });
  }
}

/**
 * The moment a `deadline` or `opens` names (`cutOffAt`, the function the slot picker shows
 * closed slots with): `date` field + `offsetDays` at `time`, local.
 */
function cutOff(
  ctx: PluginContext,
  deadline: Deadline | undefined,
  values: Record<string, unknown>,
): Date | undefined {
  if (!deadline) return undefined;
  const date = values[deadline.date];
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw badRequest('A date is needed for this action.');
  if (!parseDate(date)) throw badRequest('The date is not valid.');
  return cutOffAt(deadline, values, ctx.plugin.config, ctx.timeZone);
}

/**
 * A create's `offered`: an entry of the operator's catalogue (a weekly menu) must match the
 * record's day and slot, else 409 `not_offered` and nothing is written.
 */
export function checkOffered(
  ctx: PluginContext,
  offered: OfferedDef | undefined,
  fields: Record<string, unknown>,
): void {
  if (!offered || isOffered(offered, fields, ctx.plugin.config)) return;
  const message = offered.message ?? {
    'zh-CN': '这一天的这个时段暂不提供。',
    en: 'That is not on offer for that day.',
  };
  throw conflict(message.en, { code: 'not_offered', message });
}

/**
 * On create: the referenced record must exist, be readable by the caller and match `where`.
 * Returns the values `parent.copy` takes from it (an event's date and places onto a sign-up), so
 * they come from the parent and never from the caller.
 */
export async function checkParent(
  ctx: PluginContext,
  action: CreateAction,
  input: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const parent = action.parent;
  if (!parent) return {};
  const id = input[parent.field];
  if (id === undefined) return {}; // required-ness is the input schema's business
  const def = collectionDef(ctx, parent.collection);
  // One read by `_id` (see findById); `where` and the access rules are checked here.
  const found = await findById(ctx, parent.collection, id);
  if (found && mayRead(ctx, def, found, parent.where)) {
    const copied: Record<string, unknown> = {};
    for (const [target, source] of Object.entries(parent.copy ?? {})) {
      const value = own(found, source);
      if (value !== undefined) copied[target] = value;
    }
    return copied;
  }
  if (found && mayRead(ctx, def, found)) {
    throw conflict('This is not open for that right now.', {
      code: 'parent_closed',
      message: {
        'zh-CN': '当前状态下不能进行此操作。',
        en: 'This is not open for that right now.',
      },
    });
  }
  throw notFound('The record this refers to does not exist.');
}

type OptionsHint = { bind: string; value?: string };

/**
 * Fields with `x-options` take only values listed in a config array (`value` key, default `id`).
 * Checked on the written top-level fields and on arrays of them.
 */
export function checkOptions(
  ctx: PluginContext,
  def: CollectionDef,
  fields: Record<string, unknown>,
): void {
  const props =
    (def.schema as { properties?: Record<string, Record<string, unknown>> }).properties ?? {};
  for (const [name, prop] of Object.entries(props)) {
    if (!Object.hasOwn(fields, name)) continue;
    const hint = (prop['x-options'] ??
      (prop.items as Record<string, unknown> | undefined)?.['x-options']) as
      OptionsHint | undefined;
    if (!hint || typeof hint.bind !== 'string') continue;
    const list = configValue(ctx, hint.bind);
    if (!Array.isArray(list)) continue;
    const key = hint.value ?? 'id';
    const allowed = new Set(
      list.map((o) =>
        typeof o === 'object' && o !== null ? own(o as Record<string, unknown>, key) : o,
      ),
    );
    const given = Array.isArray(fields[name]) ? (fields[name] as unknown[]) : [fields[name]];
    if (given.some((v) => v !== undefined && !allowed.has(v))) {
      throw validationFailed('A value is not one of the offered options.', {
        issues: [
          {
            pointer: `/${name}`,
            code: 'options',
            severity: 'error',
            message: { 'zh-CN': '不是可选的值。', en: 'Not one of the options.' },
          },
        ],
      });
    }
  }
}

/**
 * A create action's `copy` (`{"subsidy": "service.subsidy"}`): the values of the config entries
 * chosen in `x-options` fields (already checked by `checkOptions`), so prices and subsidies come
 * from the operator's catalogue. A key the entry lacks is left out.
 */
export function copiedOptions(
  ctx: PluginContext,
  def: CollectionDef,
  copy: Record<string, string> | undefined,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const props =
    (def.schema as { properties?: Record<string, Record<string, unknown>> }).properties ?? {};
  for (const [target, source] of Object.entries(copy ?? {})) {
    const [from, key] = source.split('.') as [string, string];
    const hint = own(props, from)?.['x-options'] as OptionsHint | undefined;
    if (!hint) continue;
    const valueKey = hint.value ?? 'id';
    const list = configValue(ctx, hint.bind);
    const entry = Array.isArray(list)
      ? (list as unknown[]).find(
          (o) =>
            typeof o === 'object' &&
            o !== null &&
            own(o as Record<string, unknown>, valueKey) === fields[from],
        )
      : undefined;
    const value = own(entry as Record<string, unknown> | undefined, key);
    if (value !== undefined) out[target] = value;
  }
  return out;
}

/**
 * A create action's `hours`: the start must be one of the slots of the catalogue entry chosen in
 * the `entry` field (within its opening hours, on its grid), else 409 `outside_hours` and
 * nothing is written. Returns the fields the server fills (end, moments, week).
 */
export function checkHours(
  ctx: PluginContext,
  def: CollectionDef,
  hours: HoursDef | undefined,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  if (!hours) return {};
  const props =
    (def.schema as { properties?: Record<string, Record<string, unknown>> }).properties ?? {};
  const hint = own(props, hours.entry)?.['x-options'] as OptionsHint | undefined;
  const list = hint ? configValue(ctx, hint.bind) : undefined;
  const key = hint?.value ?? 'id';
  const entry = Array.isArray(list)
    ? (list as unknown[]).find(
        (o): o is Record<string, unknown> =>
          typeof o === 'object' &&
          o !== null &&
          own(o as Record<string, unknown>, key) === fields[hours.entry],
      )
    : undefined;
  const filled = slotFields(hours, entry, fields[hours.date], fields[hours.start], ctx.timeZone);
  if (filled) return filled;
  const message = hours.message ?? {
    'zh-CN': '这个时间不在开放时段内。',
    en: 'That time is outside the opening hours.',
  };
  throw conflict(message.en, { code: 'outside_hours', message });
}

/**
 * A transition's `match`: each input field must equal the record's field (the code a parent
 * shows is this booking's), else 409 `match_failed` and nothing changes.
 */
export function checkMatch(
  action: TransitionAction,
  input: unknown,
  doc: Record<string, unknown>,
): void {
  for (const [from, to] of Object.entries(action.match ?? {})) {
    const given = own(input as Record<string, unknown> | undefined, from);
    if (given !== undefined && given === own(doc, to)) continue;
    const message = action.matchMessage ?? {
      'zh-CN': '核对不一致。',
      en: 'That does not match.',
    };
    throw conflict(message.en, { code: 'match_failed', message });
  }
}

export type { ActionDef };

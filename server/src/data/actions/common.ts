import {
  getActionValidator,
  type Issue,
  type VendorSchema,
  isTimeAnchor,
  localDate,
  relativeValue,
  type ActionDef,
  type ServerValue,
} from '@scene/schema';
import { validationFailed } from '../../http/errors';
import { own } from '../../own';
import type { PluginContext } from '../records/context';
import { SYSTEM_FIELDS } from '../records/names';
import type { StoredRecord } from '../records/types';

export interface ActionResult {
  status: 200 | 201;
  body: Record<string, unknown>;
}

/** Validates an action's input with the plugin version's cached compiled validator. */
export function validateInput(
  ctx: PluginContext,
  name: string,
  input: unknown,
): Record<string, unknown> {
  const result = getActionValidator(ctx.manifest, name)(input ?? {});
  if (!result.ok)
    throw validationFailed('The input does not match this action.', { issues: result.errors });
  const past = pastInputs(ctx, own(ctx.manifest.actions, name)?.input, input);
  if (past.length)
    throw validationFailed('A date of the input lies in the past.', { issues: past });
  return { ...(input as Record<string, unknown>) };
}

/**
 * Fields marked `x-notPast` that lie in the past: a `date` before today, a `date-time` not after
 * now, both in the community's zone. A schema cannot say "now", so the server checks it here.
 */
function pastInputs(ctx: PluginContext, schema: VendorSchema | undefined, input: unknown): Issue[] {
  const values = (input ?? {}) as Record<string, unknown>;
  const out: Issue[] = [];
  for (const [field, s] of Object.entries(schema?.properties ?? {})) {
    const v = own(values, field);
    if (!s['x-notPast'] || typeof v !== 'string') continue;
    const past =
      s.format === 'date'
        ? v < localDate(ctx.now, ctx.timeZone)
        : Date.parse(v) <= ctx.now.getTime();
    if (past)
      out.push({
        pointer: `/${field}`,
        code: 'input.past',
        severity: 'error',
        message:
          s.format === 'date'
            ? { 'zh-CN': '不能早于今天。', en: 'Must be today or later.' }
            : { 'zh-CN': '须晚于当前时间。', en: 'Must be later than now.' },
      });
  }
  return out;
}

/**
 * Values the server fills in (`set`): literals, or the caller and the clock. A record's code and
 * number (`code`, `seq`) are not among them: they are drawn as the record is inserted
 * (numbering.ts), because the record itself is what keeps them unique.
 */
export async function serverValues(
  ctx: PluginContext,
  set: Record<string, ServerValue> | undefined,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(set ?? {})) {
    if (SYSTEM_FIELDS.has(field) || field.startsWith('_')) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'var' in value) {
      const v = value.var;
      if (v === 'user.id') out[field] = ctx.caller?.accountId ?? null;
      else if (v === 'user.displayName') out[field] = ctx.caller?.displayName ?? null;
      else if (v === 'user.household')
        out[field] = ctx.caller
          ? await ctx.deps.households.household(ctx.communityId, ctx.caller.accountId)
          : null;
      else if (v === 'actor.id') out[field] = ctx.actor?.accountId ?? null;
      else if (v === 'actor.displayName') out[field] = ctx.actor?.displayName ?? null;
      else if (isTimeAnchor(v))
        out[field] = relativeValue(v, ctx.now, ctx.timeZone, value.offset, value.as);
      else if (typeof v === 'string' && v.startsWith('config.'))
        out[field] = own(ctx.vars, v) ?? null;
    } else {
      out[field] = structuredClone(value);
    }
  }
  return out;
}

/**
 * `{"var": "item.<date field>", "as": "month"}` in a create's `set`: the local month (`YYYY-MM`)
 * of a date of the new record, read once input, `set` and `parent.copy` have filled it — the
 * month a meal is for, not the month it was booked in. A stored date is a local day already; a
 * timestamp is read in the community's zone.
 */
export function recordMonths(
  ctx: PluginContext,
  set: Record<string, ServerValue> | undefined,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(set ?? {})) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !('var' in value))
      continue;
    if (!value.var.startsWith('item.') || value.as !== 'month') continue;
    const date = own(fields, value.var.slice(5));
    out[field] =
      typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date)
        ? date.slice(0, 7)
        : typeof date === 'string' && !Number.isNaN(Date.parse(date))
          ? localDate(new Date(date), ctx.timeZone).slice(0, 7)
          : null;
  }
  return out;
}

/** Drops keys an input may never set, whatever a schema says. */
export function withoutSystemFields(
  input: Record<string, unknown>,
  workflowField?: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (SYSTEM_FIELDS.has(k) || k.startsWith('_') || k === workflowField) continue;
    out[k] = v;
  }
  return out;
}

export function actionNamed(ctx: PluginContext, name: string): ActionDef | undefined {
  return own(ctx.manifest.actions, name);
}

export type { StoredRecord };

import {
  answersFromInput,
  configFields,
  fieldsFromLimits,
  ratingScore,
  type CreateAction,
} from '@scene/schema';
import { validationFailed } from '../../http/errors';
import { own } from '../../own';
import { collectionDef, type PluginContext } from '../records/context';

/**
 * `fieldsFrom`: the answers the caller sent under `input.<field>` (an object keyed by the config
 * entries' ids) are checked against this installation's config — required, kind, options,
 * length — and become the stored list of `{q, …}` items. The rest of the input goes through the
 * action's own schema as usual.
 */
export function takeConfigFields(
  ctx: PluginContext,
  action: CreateAction,
  input: unknown,
): { input: unknown; fields: Record<string, unknown> } {
  const def = action.fieldsFrom;
  if (!def || typeof input !== 'object' || input === null) return { input, fields: {} };
  const { [def.field]: given, ...rest } = input as Record<string, unknown>;
  const fields = configFields(def, own(ctx.vars, def.bind));
  const limits = fieldsFromLimits(collectionDef(ctx, action.collection).schema, def.field);
  const { answers, issues } = answersFromInput(fields, given, def.field, limits);
  if (issues.length) throw validationFailed('Some answers are missing or not valid.', { issues });
  const score = def.score ? ratingScore(answers) : undefined;
  return {
    input: rest,
    fields: { [def.field]: answers, ...(score !== undefined ? { [def.score!]: score } : {}) },
  };
}

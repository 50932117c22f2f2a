import {
  configFields,
  holdsAny,
  tallyAnswers,
  type CreateAction,
  type FieldsResults,
  type LocalizedText,
} from '@scene/schema';
import { forbidden, notFound } from '../../http/errors';
import { own } from '../../own';
import { loadContext, recordsOf } from '../records/context';
import { compileFilter } from '../records/filter';
import type { Caller } from '../records/roles';
import type { DataPlaneDeps } from '../records/types';

/** The most answers one tally reads (a survey of a community stays well below it). */
const MAX_ANSWERS = 20_000;

export interface ResultsRequest {
  communityId: string;
  pluginId: string;
  action: string;
  caller: Caller;
}

/**
 * Results per question of a `fieldsFrom` action that declares `results`: for its roles, over
 * every record of the community its `where` selects (the rows themselves stay unreadable to
 * them), tallied against the questions in config now. Free text only for `textRoles`.
 */
export async function fieldsResults(
  deps: DataPlaneDeps,
  req: ResultsRequest,
): Promise<FieldsResults> {
  return (await tally(deps, req, false)).results;
}

/** The results as a download is written: with the plugin's name and the community's zone. */
export interface ResultsExport {
  results: FieldsResults;
  pluginName: LocalizedText;
  timeZone: string;
  at: Date;
}

/**
 * The same results for a file download, refused (403) to roles the action's
 * `results.exportRoles` leaves out (`results.roles` when it declares none).
 */
export async function resultsExport(
  deps: DataPlaneDeps,
  req: ResultsRequest,
): Promise<ResultsExport> {
  return tally(deps, req, true);
}

async function tally(
  deps: DataPlaneDeps,
  req: ResultsRequest,
  download: boolean,
): Promise<ResultsExport> {
  const ctx = await loadContext(deps, req.communityId, req.pluginId, req.caller, 'read');
  const action = own(ctx.manifest.actions, req.action);
  const from = action?.type === 'create' ? (action as CreateAction).fieldsFrom : undefined;
  if (!action || !from?.results) throw notFound(`No results for "${req.action}" in this plugin.`);
  if (!holdsAny(ctx.roles, from.results.roles)) throw forbidden();
  if (download && !holdsAny(ctx.roles, from.results.exportRoles ?? from.results.roles))
    throw forbidden('Your role may read these results but not download them.');
  const filter = compileFilter(from.results.where, {
    communityId: ctx.communityId,
    vars: ctx.vars,
  });
  const records = await recordsOf(ctx, action.collection)
    .find(filter, { projection: { _id: 0, [from.field]: 1 }, limit: MAX_ANSWERS })
    .toArray();
  const results = tallyAnswers(
    configFields(from, own(ctx.vars, from.bind)),
    records.map((r) => ({ answers: r[from.field] })),
    {
      minGroupSize: from.results.minGroupSize ?? 5,
      withText: holdsAny(ctx.roles, from.results.textRoles ?? []),
    },
  );
  return { results, pluginName: ctx.manifest.name, timeZone: ctx.timeZone, at: ctx.now };
}

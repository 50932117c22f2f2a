import type { Request } from 'express';
import type { Config } from '../../config';
import { sourceAddress } from '../../control/auth/throttle';
import type { CallerResolver } from '../../http/router';
import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { failure, json } from '../../http/responses';
import { obj, s } from '../../http/schemas';
import { actionResult, queryAnswer, recordView } from './schemas';
import { runAction } from '../actions/service';
import { onceStatus } from '../actions/once-status';
import { readVisitorId, visitorId } from '../actions/visitors';
import { checkIdempotencyKey } from '../actions/idempotency';
import { runQuery } from '../queries/service';
import { unmaskRecord } from '../privacy/service';
import type { DataPlane } from '../plane';

const pluginParams = (extra: Record<string, object> = {}) =>
  obj({ communityId: s.communityId, pluginId: s.pluginId, ...extra }, [
    'communityId',
    'pluginId',
    ...Object.keys(extra),
  ]);
const name = { type: 'string', pattern: '^[a-z][a-zA-Z0-9_]{0,63}$' };

type PluginParams = { communityId: string; pluginId: string };

/** Plugin data: actions (the only writes), queries (the only reads), audited unmasking. */
export function recordRoutes(
  dp: DataPlane,
  callers: CallerResolver,
  config: Pick<Config, 'mode'>,
): AnyRoute[] {
  return [
    defineRoute<{
      params: PluginParams & { action: string };
      body: {
        recordId?: string;
        input?: Record<string, unknown>;
        comment?: string;
        forAccountId?: string;
      };
    }>()({
      method: 'post',
      path: '/api/v1/communities/:communityId/plugins/:pluginId/actions/:action',
      summary:
        'Run a named plugin action (create, update, transition, delete, redeem); `forAccountId` runs it for a linked family member who allowed it. A visitor (no membership) may run only a create action open to visitors (`once.visitors`), once per browser: the server sets the signed participation cookie `scene_visitor` (HttpOnly, SameSite=Lax) that keys their one answer',
      tags: ['records'],
      auth: auth.optional,
      responses: {
        200: json(actionResult, 'Done (update, transition, delete)'),
        201: json(actionResult, 'Created (create, redeem)'),
        400: failure('Input does not match the action (details.issues)'),
        401: failure(
          'Not signed in (or no member here) and the action is not open to visitors (`members_only`, in words)',
        ),
        403: failure(
          'Role may not run this action, plugin disabled, not eligible (`not_eligible`, with the reason), not allowed to act for that person (`not_allowed_to_act`, `no_on_behalf`)',
        ),
        404: failure('Plugin not installed, unknown action or record'),
        409: failure('Lost race, wrong state, full, duplicate, not enough points (details.code)'),
        422: failure(
          'Idempotency-Key reused for another request (`idempotency_mismatch`); the chosen assignee does not hold the role (`not_assignable`)',
        ),
        429: failure('Too many visitor answers from this address (`Retry-After`)'),
      },
      busy: true,
      params: pluginParams({ action: name }),
      body: obj({
        recordId: s.id,
        input: { type: 'object' },
        comment: s.str(500, 0),
        forAccountId: s.id,
      }),
      handler: async ({ actor, params, body, req, res }) => {
        // Members act with their roles here; anyone else is a visitor (no identity), who may
        // run only what is open to visitors, keyed by their browser's participation cookie.
        const caller = actor
          ? ((await callers.inCommunity(actor, params.communityId)) ?? null)
          : null;
        const visitor = () => {
          dp.visitorWrites.take(sourceAddress(req.ip));
          return visitorId(req, res, dp.participationSecret, config.mode === 'production');
        };
        const result = await runAction(dp, {
          communityId: params.communityId,
          pluginId: params.pluginId,
          action: params.action,
          caller,
          visitor,
          signedIn: actor !== undefined,
          recordId: body.recordId,
          input: body.input ?? {},
          comment: body.comment,
          idempotencyKey: checkIdempotencyKey(req.get('idempotency-key')),
          forAccountId: body.forAccountId,
        });
        if (result.replayed) res.set('Idempotent-Replayed', 'true');
        res.status(result.status).json(result.body);
      },
    }),
    defineRoute<{ params: PluginParams & { action: string }; query: { parent?: string } }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/plugins/:pluginId/actions/:action/once',
      summary:
        'Whether the caller used their one answer of an action with `once` (a member by account, a visitor by the participation cookie; never sets one): `done` true/false, null when it cannot be told (keyed by an input value). Query: parent (the parent record id, for actions with `parent`)',
      tags: ['records'],
      auth: auth.optional,
      responses: {
        200: json(obj({ done: { type: ['boolean', 'null'] } }, ['done']), 'Answered or not'),
        404: failure('Plugin not installed, or no action with `once` of that name'),
      },
      params: pluginParams({ action: name }),
      query: obj({ parent: s.id }),
      handler: async ({ actor, params, query, req }) => {
        const caller = actor
          ? ((await callers.inCommunity(actor, params.communityId)) ?? null)
          : null;
        return onceStatus(dp, {
          ...params,
          caller,
          visitor: readVisitorId(req, dp.participationSecret),
          parent: query.parent,
        });
      },
    }),
    defineRoute<{ params: PluginParams & { query: string } }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/plugins/:pluginId/queries/:query',
      summary:
        'Run a declared query. Query string: cursor, limit, id (one record), sort=field:dir, f.<field>.<op>=value (declared filterable only; in/nin comma-separated); aggregates: from, to (YYYY-MM-DD in the community time zone, or an ISO-8601 timestamp), compare=previous; figures of one person (subject): for=<account id of a family member who allowed the caller>',
      tags: ['records'],
      auth: auth.optional,
      responses: {
        200: json(queryAnswer),
        401: failure('The query is not public; log in (`unauthorized`)'),
        403: failure(
          'The role may not run this query (`forbidden`); `for` names someone who has not allowed the caller (`not_allowed_to_act`)',
        ),
        404: failure('Plugin not installed, unknown query or record'),
      },
      params: pluginParams({ query: name }),
      handler: async ({ actor, params, req }) => {
        // Members query with their roles here; anyone else (or anonymous) only as `public`.
        const caller = actor
          ? ((await callers.inCommunity(actor, params.communityId)) ?? null)
          : null;
        return runQuery(dp, {
          ...params,
          caller,
          signedIn: actor !== undefined,
          params: queryParams(req),
        });
      },
    }),
    defineRoute<{
      params: PluginParams & { collection: string; recordId: string };
      body: { reason: string };
    }>()({
      method: 'post',
      path: '/api/v1/communities/:communityId/plugins/:pluginId/records/:collection/:recordId/unmask',
      summary:
        "One record with personal data in clear, for the roles the collection's privacy.unmask names, with a reason (audited: who, which record, which fields; never the values or the reason's text)",
      tags: ['records', 'privacy'],
      auth: auth.community('operator', 'staff', 'resident'),
      responses: {
        200: json(recordView, 'The record in clear'),
        400: failure('No reason, or a blank one (`reason_required`)'),
        403: failure('The role may not unmask this collection (`forbidden`)'),
        404: failure('Plugin not installed, unknown collection or record'),
      },
      params: pluginParams({ collection: name, recordId: s.id }),
      body: obj({ reason: s.str(200, 1) }, ['reason']),
      handler: ({ actor, params, body }) =>
        unmaskRecord(dp, { ...params, caller: actor, reason: body.reason }),
    }),
  ];
}

function queryParams(req: Request): Record<string, unknown> {
  return { ...(req.query as Record<string, unknown>) };
}

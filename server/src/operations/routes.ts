import { auth, defineRoute, type AnyRoute } from '../http/route';
import { failure, json } from '../http/responses';
import { communityParams, obj } from '../http/schemas';
import { regionId } from '../control/regions/schemas';
import {
  communityDashboard,
  evaluationWeights,
  operationsOverview,
  periodQuery,
  regionDashboard,
  weightsInput,
} from './schemas';
import type { Weights } from './evaluation/score';
import type { OperationsService, PeriodQuery } from './service';

const PERIOD =
  'period: 7d | 30d | 90d (up to today) | month (with month=YYYY-MM, default this month); compared with the period of the same length before';

/** Dashboards for operators, supervisors and admins: figures only, never records or people. */
export function operationsRoutes(ops: OperationsService): AnyRoute[] {
  return [
    defineRoute<{ params: { communityId: string }; query: PeriodQuery }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/dashboard',
      summary: `A community's dashboard: its plugins' declared metrics by day and scene coverage. Operators, admins, and supervisors above it (read-only). ${PERIOD}`,
      tags: ['operations'],
      auth: auth.account,
      responses: {
        200: json(communityDashboard),
        400: failure('Malformed period'),
        403: failure('Neither operator nor supervisor'),
        404: failure('No such community, or outside the supervisor’s scope'),
      },
      params: communityParams,
      query: periodQuery,
      handler: ({ actor, params, query }) => ops.community(actor, params.communityId, query),
    }),
    defineRoute<{ params: { regionId: string }; query: PeriodQuery }>()({
      method: 'get',
      path: '/api/v1/regions/:regionId/dashboard',
      summary: `A region node's dashboard: each metric summed over its communities (hidden figures left out), the ranking and the per-metric leaders. ${PERIOD}`,
      tags: ['operations'],
      auth: auth.account,
      responses: {
        200: json(regionDashboard),
        400: failure('Malformed period'),
        403: failure('Neither admin nor supervisor'),
        404: failure('No such region, or outside the caller’s scope'),
      },
      params: obj({ regionId }, ['regionId']),
      query: periodQuery,
      handler: ({ actor, params, query }) => ops.region(actor, params.regionId, query),
    }),
    defineRoute()({
      method: 'get',
      path: '/api/v1/operations/evaluation',
      summary:
        'The evaluation indicators’ weights now in force and their version (0: the defaults). Admins and supervisors.',
      tags: ['operations'],
      auth: auth.account,
      responses: { 200: json(evaluationWeights), 403: failure('Neither admin nor supervisor') },
      handler: ({ actor }) => ops.currentWeights(actor),
    }),
    defineRoute<{ body: { weights: Weights } }>()({
      method: 'put',
      path: '/api/v1/operations/evaluation',
      summary:
        'Saves the next version of the weights: satisfaction, activity, response and coverage, each 0–100, adding up to 100. Admins.',
      tags: ['operations'],
      auth: auth.platform('admin'),
      responses: {
        200: json(evaluationWeights),
        400: failure(
          'A weight outside 0–100, an unknown or missing indicator, or a sum other than 100',
        ),
      },
      body: weightsInput,
      handler: ({ actor, body }) => ops.saveWeights(actor, body.weights),
    }),
    defineRoute()({
      method: 'get',
      path: '/api/v1/operations/overview',
      summary:
        'The admin’s operations overview: communities per region node and each community’s completeness score',
      tags: ['operations'],
      auth: auth.platform('admin'),
      responses: { 200: json(operationsOverview) },
      handler: ({ actor }) => ops.overview(actor),
    }),
  ];
}

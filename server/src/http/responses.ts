import { component } from './components';
import type { AnyRoute, ResponseSpec, Responses } from './route';
import type { JsonSchema } from './validation';

/** The shared error format: every non-2xx answer. */
export const ERROR_SCHEMA = component('Error', {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: {},
      },
      required: ['code', 'message'],
      additionalProperties: false,
    },
  },
  required: ['error'],
  additionalProperties: false,
});

/** A JSON answer. */
export const json = (schema: JsonSchema, description = 'OK'): ResponseSpec => ({
  description,
  schema,
});

/** A failure in the shared error format; the description names its codes. */
export const failure = (description: string): ResponseSpec => ({
  description,
  schema: ERROR_SCHEMA,
});

/** An answer without a body (204, 304). */
export const empty = (description: string): ResponseSpec => ({ description });

/** What the router, the auth guard and the body parser answer on their own, by route. */
function frameworkResponses(route: AnyRoute): Responses {
  const out: Responses = {};
  const takesBody = Boolean(route.body || route.rawBody);
  if (route.params || route.query || route.body || route.rawBody) {
    out[400] = failure(
      'Invalid input (`validation_failed`, `unsafe_body`, `bad_text`, `bad_request`)',
    );
  }
  if (route.auth.kind === 'account' || route.auth.kind === 'community') {
    out[401] = failure('Not logged in (`unauthorized`)');
  }
  // Account and community routes also refuse an API token without the scope (`token_scope`).
  const roleChecked = route.auth.kind === 'community' || route.auth.kind === 'account';
  const writes = route.method !== 'get';
  if (roleChecked || writes) {
    out[403] = failure(
      [
        roleChecked ? 'The role or API token may not do this (`forbidden`, `token_scope`)' : '',
        writes ? 'Sent from another site (`cross_site_request`)' : '',
      ]
        .filter(Boolean)
        .join('; '),
    );
  }
  if (route.auth.kind === 'community') out[404] = failure('No such community (`not_found`)');
  if (takesBody) {
    out[413] = failure('Body too large (`payload_too_large`)');
    out[415] = failure('Wrong content type (`unsupported_media_type`)');
  }
  if (route.throttled) out[429] = failure('Too many attempts; wait (`too_many_requests`)');
  // Any route that reads or writes answers 503 when the database is down or too slow.
  if (route.database !== false || route.busy) {
    out[503] = failure(
      [
        route.database !== false
          ? 'Database unavailable; retry after `Retry-After` seconds (`database_unavailable`)'
          : '',
        route.busy ? 'Too many at once; try again (`busy`)' : '',
      ]
        .filter(Boolean)
        .join('; '),
    );
  }
  return out;
}

/** Every status a route can answer: its own and the framework's (descriptions joined). */
export function allResponses(route: AnyRoute): Responses {
  const out: Responses = { ...frameworkResponses(route) };
  for (const [status, spec] of Object.entries(route.responses)) {
    const framework = out[Number(status)];
    out[Number(status)] = framework
      ? { ...spec, description: `${framework.description}; ${spec.description}` }
      : spec;
  }
  return out;
}

/** The status of a value the handler returns: its lowest documented 2xx other than 204. */
export function successStatus(route: AnyRoute): number {
  const ok = Object.keys(route.responses)
    .map(Number)
    .filter((s) => s >= 200 && s < 300 && s !== 204)
    .sort((a, b) => a - b);
  return ok[0] ?? 200;
}

import type { AnyRoute, AuthSpec } from './route';
import type { JsonSchema } from './validation';

export const ERROR_SCHEMA: JsonSchema = {
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
    },
  },
  required: ['error'],
};

const STANDARD_ERRORS: Record<number, string> = {
  400: 'Invalid input (`validation_failed`, `unsafe_body`, `bad_request`)',
  413: 'Body too large',
};

/**
 * The OpenAPI 3.1 document, generated from the same route definitions (and the same JSON
 * Schemas) the router validates requests with, so the two cannot drift apart.
 */
export function buildOpenApi(routes: readonly AnyRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Scene Platform API',
      version,
      description: 'Errors are `{ "error": { "code", "message", "details" } }` with a stable code.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    components: {
      schemas: { Error: ERROR_SCHEMA },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'scene_session' },
        bearer: { type: 'http', scheme: 'bearer', description: 'API token (`scn_…`)' },
      },
    },
    paths,
  };
}

function operation(route: AnyRoute): Record<string, unknown> {
  const parameters = [
    ...schemaParameters('path', route.params),
    ...schemaParameters('query', route.query),
  ];
  const responses: Record<string, unknown> = {
    [String(route.status ?? 200)]: {
      description: route.response?.description ?? 'OK',
      ...(route.response?.schema
        ? { content: { 'application/json': { schema: route.response.schema } } }
        : {}),
    },
  };
  const errors = { ...STANDARD_ERRORS, ...authErrors(route.auth), ...route.errors };
  for (const [status, description] of Object.entries(errors)) {
    responses[status] = {
      description,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  return {
    operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c?: string) => (c ? c.toUpperCase() : ''))}`,
    summary: route.summary,
    tags: route.tags,
    'x-auth': describeAuth(route.auth),
    security: route.auth.kind === 'public' ? [] : [{ session: [] }, { bearer: [] }],
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: route.body } },
          },
        }
      : {}),
    responses,
  };
}

function schemaParameters(where: 'path' | 'query', schema?: JsonSchema): unknown[] {
  if (!schema) return [];
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: s,
  }));
}

function authErrors(spec: AuthSpec): Record<number, string> {
  if (spec.kind === 'public' || spec.kind === 'optional') return {};
  return { 401: 'Not logged in', 403: 'Role may not do this' };
}

function describeAuth(spec: AuthSpec): string {
  switch (spec.kind) {
    case 'public':
    case 'optional':
      return 'anyone';
    case 'account':
      return spec.platformRoles ? spec.platformRoles.join(' | ') : 'any account';
    case 'community':
      return ['admin', ...spec.roles].join(' | ') + ' (of the community)';
  }
}

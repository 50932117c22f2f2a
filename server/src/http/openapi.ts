import { componentName } from './components';
import { allResponses } from './responses';
import type { AnyRoute, AuthSpec, ResponseSpec } from './route';
import type { JsonSchema } from './validation';

/**
 * The OpenAPI 3.1 document, generated from the same route definitions (and the same JSON
 * Schemas) the router validates requests and, in tests, answers with, so they cannot drift apart.
 * Named schemas (`component`) are listed once under `components.schemas` and referenced.
 */
export function buildOpenApi(routes: readonly AnyRoute[], version: string): JsonSchema {
  const components = new Components();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method] = operation(route, components);
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
      schemas: components.sorted(),
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'scene_session' },
        bearer: { type: 'http', scheme: 'bearer', description: 'API token (`scn_…`)' },
      },
    },
    paths,
  };
}

/** Collects named schemas as it rewrites their uses into `$ref`s. */
class Components {
  private readonly schemas = new Map<string, { source: object; schema: unknown }>();

  /** A copy of `value` with every named schema in it (itself included) replaced by a `$ref`. */
  ref(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.ref(v));
    if (value === null || typeof value !== 'object') return value;
    const name = componentName(value);
    if (name) {
      const known = this.schemas.get(name);
      if (known && known.source !== value) throw new Error(`two schemas named ${name}`);
      if (!known) {
        // Reserve the name first: a schema may refer to itself through its children.
        const entry = { source: value, schema: {} as unknown };
        this.schemas.set(name, entry);
        entry.schema = this.inline(value);
      }
      return { $ref: `#/components/schemas/${name}` };
    }
    return this.inline(value);
  }

  private inline(value: object): unknown {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.ref(v)]));
  }

  sorted(): Record<string, unknown> {
    return Object.fromEntries(
      [...this.schemas.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, { schema }]) => [name, schema]),
    );
  }
}

function operation(route: AnyRoute, components: Components): Record<string, unknown> {
  const parameters = [
    ...schemaParameters('path', components, route.params),
    ...schemaParameters('query', components, route.query),
  ];
  const responses = Object.fromEntries(
    Object.entries(allResponses(route)).map(([status, spec]) => [
      status,
      response(spec, components),
    ]),
  );
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
            content: { 'application/json': { schema: components.ref(route.body) } },
          },
        }
      : {}),
    ...(route.rawBody
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries(
              route.rawBody.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
            ),
          },
        }
      : {}),
    responses,
  };
}

function response(spec: ResponseSpec, components: Components): Record<string, unknown> {
  if (spec.schema) {
    return {
      description: spec.description,
      content: { 'application/json': { schema: components.ref(spec.schema) } },
    };
  }
  if (spec.binary) {
    return {
      description: spec.description,
      content: { [spec.binary]: { schema: { type: 'string', format: 'binary' } } },
    };
  }
  return { description: spec.description };
}

function schemaParameters(
  where: 'path' | 'query',
  components: Components,
  schema?: JsonSchema,
): unknown[] {
  if (!schema) return [];
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: components.ref(s),
  }));
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

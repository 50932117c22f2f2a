import { SCENES } from '@scene/schema';
import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { failure, json } from '../../http/responses';
import { itemsOf, obj, s } from '../../http/schemas';
import type { FixturesService, PluginFixtures } from './fixtures';
import {
  fixturesBody,
  pluginFixtures,
  published,
  publishCheck,
  pluginVersion,
  pluginVersionDetail,
} from './schemas';
import type { ListFilter, RegistryService } from './service';

const pluginParams = obj({ pluginId: s.pluginId }, ['pluginId']);
const versionParams = obj({ pluginId: s.pluginId, version: s.semver }, ['pluginId', 'version']);

export function registryRoutes(registry: RegistryService, fixtures: FixturesService): AnyRoute[] {
  return [
    defineRoute<{ body: unknown }>()({
      method: 'post',
      path: '/api/v1/plugins',
      tokenScope: 'plugins:publish',
      summary:
        'Publish a plugin version (the body is the plugin.json manifest); it waits for review',
      tags: ['registry'],
      auth: auth.platform('vendor', 'admin'),
      responses: {
        201: json(published, 'Published; waits for review'),
        400: failure(
          'Manifest invalid (`validation_failed`) or a breaking change without the bump it needs (`breaking_change`); details are IssueDetail[]',
        ),
        403: failure('Not your vendor id (`vendor_mismatch`)'),
        409: failure('Version exists or is not newer (`version_exists`, `version_not_newer`)'),
      },
      // Manifests legitimately use `$defs`/`$ref` (local refs only; @scene/schema checks them),
      // and view trees nest deeper than ordinary bodies.
      bodyGuard: { allowDollarKeys: ['$defs', '$ref'], maxDepth: 64 },
      body: { type: 'object' },
      handler: ({ actor, body }) => registry.publish(actor, body),
    }),
    defineRoute<{ body: unknown }>()({
      method: 'post',
      path: '/api/v1/plugins/validate',
      tokenScope: 'plugins:publish',
      summary:
        'Check a manifest exactly as publishing would (schema, vendor, version, breaking-change gate) and answer with the same errors; stores nothing',
      tags: ['registry'],
      auth: auth.platform('vendor', 'admin'),
      responses: {
        200: json(publishCheck, 'Publishing would accept it'),
        400: failure('What publishing would refuse (`validation_failed`, `breaking_change`)'),
        403: failure('Not your vendor id (`vendor_mismatch`)'),
        409: failure('Version exists or is not newer (`version_exists`, `version_not_newer`)'),
      },
      bodyGuard: { allowDollarKeys: ['$defs', '$ref'], maxDepth: 64 },
      body: { type: 'object' },
      handler: ({ actor, body }) => registry.check(actor, body),
    }),
    defineRoute<{ query: ListFilter }>()({
      method: 'get',
      path: '/api/v1/plugins',
      summary: 'Search plugins (newest visible version of each)',
      tags: ['registry'],
      auth: auth.account,
      responses: { 200: json(itemsOf(pluginVersion)) },
      query: obj({
        scene: { enum: [...SCENES] },
        tier: { enum: ['standard', 'optional'] },
        vendor: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,29}$' },
        status: { enum: ['pending', 'approved', 'rejected'] },
        q: s.str(60),
        platform: s.semver,
        limit: s.limit(200, 50),
      }),
      handler: async ({ actor, query }) => ({ items: await registry.list(actor, query) }),
    }),
    defineRoute<{ query: { limit: number } }>()({
      method: 'get',
      path: '/api/v1/plugins/review-queue',
      summary: 'Versions waiting for review, oldest first',
      tags: ['registry'],
      auth: auth.platform('admin'),
      responses: { 200: json(itemsOf(pluginVersion)) },
      query: obj({ limit: s.limit(200, 50) }),
      handler: async ({ query }) => ({ items: await registry.reviewQueue(query.limit) }),
    }),
    defineRoute<{ params: { pluginId: string } }>()({
      method: 'get',
      path: '/api/v1/plugins/:pluginId',
      summary: 'All visible versions of a plugin, newest first',
      tags: ['registry'],
      auth: auth.account,
      responses: { 200: json(itemsOf(pluginVersion)), 404: failure('No such plugin') },
      params: pluginParams,
      handler: async ({ actor, params }) => ({
        items: await registry.versions(actor, params.pluginId),
      }),
    }),
    defineRoute<{ params: { pluginId: string }; query: { platform?: string } }>()({
      method: 'get',
      path: '/api/v1/plugins/:pluginId/latest',
      summary:
        'The newest approved version compatible with a platform version (default: this platform)',
      tags: ['registry'],
      auth: auth.account,
      responses: {
        200: json(pluginVersionDetail),
        404: failure('No approved compatible version (`no_compatible_version`)'),
      },
      params: pluginParams,
      query: obj({ platform: s.semver }),
      handler: ({ actor, params, query }) =>
        registry.latestCompatible(actor, params.pluginId, query.platform),
    }),
    defineRoute<{ params: { pluginId: string; version: string } }>()({
      method: 'get',
      path: '/api/v1/plugins/:pluginId/versions/:version',
      summary: 'One version with its manifest and review decision',
      tags: ['registry'],
      auth: auth.account,
      responses: { 200: json(pluginVersionDetail), 404: failure('No such plugin version') },
      params: versionParams,
      handler: ({ actor, params }) => registry.get(actor, params.pluginId, params.version),
    }),
    defineRoute<{ params: { pluginId: string; version: string }; body: PluginFixtures }>()({
      method: 'post',
      path: '/api/v1/plugins/:pluginId/versions/:version/fixtures',
      // Part of publishing a version: the CLI sends them with the vendor's publish token.
      tokenScope: 'plugins:publish',
      summary:
        "Publish a version's example config and records for previews (`fixtures/` beside plugin.json): checked against the version's config and collection schemas, then immutable. A vendor publishes them while the version waits for review",
      tags: ['registry'],
      auth: auth.platform('vendor', 'admin'),
      responses: {
        201: json(pluginFixtures, 'Stored with the version'),
        400: failure(
          'The data does not match the plugin (`validation_failed`); details are IssueDetail[] pointing into the body',
        ),
        403: failure('Not your plugin'),
        404: failure('No such plugin version'),
        409: failure(
          'The version already has example data (`fixtures_exist`) or was already reviewed (`not_pending`)',
        ),
      },
      params: versionParams,
      bodyGuard: { maxDepth: 32 },
      body: fixturesBody,
      handler: ({ actor, params, body }) =>
        fixtures.publish(actor, params.pluginId, params.version, body),
    }),
    defineRoute<{ params: { pluginId: string; version: string } }>()({
      method: 'get',
      path: '/api/v1/plugins/:pluginId/versions/:version/fixtures',
      summary: "A version's example config and records, for previews",
      tags: ['registry'],
      auth: auth.account,
      responses: {
        200: json(pluginFixtures),
        404: failure('No such plugin version, or it has no example data (`no_fixtures`)'),
      },
      params: versionParams,
      handler: ({ actor, params }) => fixtures.get(actor, params.pluginId, params.version),
    }),
    defineRoute<{
      params: { pluginId: string; version: string };
      body: { decision: 'approve' | 'reject'; reason?: string };
    }>()({
      method: 'post',
      path: '/api/v1/plugins/:pluginId/versions/:version/review',
      summary: 'Approve or reject a pending version (a rejection needs a reason)',
      tags: ['registry'],
      auth: auth.platform('admin'),
      responses: {
        200: json(pluginVersion, 'Decided'),
        400: failure('A rejection needs a reason (`reason_required`)'),
        404: failure('No such plugin version'),
        409: failure('Already reviewed (`already_reviewed`)'),
      },
      params: versionParams,
      body: obj({ decision: { enum: ['approve', 'reject'] }, reason: s.str(1000) }, ['decision']),
      handler: ({ actor, params, body }) =>
        registry.review(actor, params.pluginId, params.version, body.decision, body.reason),
    }),
  ];
}

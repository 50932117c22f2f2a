import { PERMISSION_SCOPES } from '@scene/schema';
import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { communityParams, obj, s } from '../../http/schemas';
import type { InstallationService } from './service';

const params = obj({ communityId: s.communityId, pluginId: s.pluginId }, [
  'communityId',
  'pluginId',
]);
const scopes = {
  type: 'array',
  maxItems: 20,
  uniqueItems: true,
  items: { enum: [...PERMISSION_SCOPES] },
};
const config = { type: 'object', maxProperties: 100 };
type P = { communityId: string; pluginId: string };

export function installationRoutes(installations: InstallationService): AnyRoute[] {
  return [
    defineRoute<{ params: { communityId: string }; query: { include?: 'manifest' } }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/installations',
      summary: 'Plugins installed in a community (`include=manifest` adds each manifest)',
      tags: ['installations'],
      auth: auth.community('operator', 'staff'),
      params: communityParams,
      query: obj({ include: { enum: ['manifest'] } }),
      handler: async ({ params, query }) => ({
        items: await installations.list(params.communityId, query.include === 'manifest'),
      }),
    }),
    defineRoute<{
      params: { communityId: string };
      body: {
        pluginId: string;
        version?: string;
        config?: Record<string, unknown>;
        acceptPermissions?: string[];
      };
    }>()({
      method: 'post',
      path: '/api/v1/communities/:communityId/installations',
      summary: 'Install an approved plugin version (default: the newest compatible one)',
      tags: ['installations'],
      auth: auth.community('operator'),
      params: communityParams,
      status: 201,
      body: obj({ pluginId: s.pluginId, version: s.semver, config, acceptPermissions: scopes }, [
        'pluginId',
      ]),
      errors: { 409: '`already_installed`, `not_approved`, `incompatible`' },
      handler: ({ actor, params, body }) => installations.install(actor, params.communityId, body),
    }),
    defineRoute<{ params: P }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/installations/:pluginId',
      summary: 'One installation with its manifest',
      tags: ['installations'],
      auth: auth.community('operator', 'staff'),
      params,
      handler: ({ params: p }) => installations.get(p.communityId, p.pluginId),
    }),
    defineRoute<{
      params: P;
      body: { config?: Record<string, unknown>; pinned?: boolean; enabled?: boolean };
    }>()({
      method: 'patch',
      path: '/api/v1/communities/:communityId/installations/:pluginId',
      summary: 'Configure, pin/unpin, enable/disable an installation',
      tags: ['installations'],
      auth: auth.community('operator'),
      params,
      body: {
        ...obj({ config, pinned: { type: 'boolean' }, enabled: { type: 'boolean' } }),
        minProperties: 1,
      },
      handler: ({ actor, params: p, body }) =>
        installations.update(actor, p.communityId, p.pluginId, body),
    }),
    defineRoute<{ params: P; query: { version: string } }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/installations/:pluginId/upgrade-report',
      summary:
        'What upgrading to a version changes: breaking changes, new permissions, views in use',
      tags: ['installations'],
      auth: auth.community('operator'),
      params,
      query: obj({ version: s.semver }, ['version']),
      handler: ({ params: p, query }) =>
        installations.upgradeReport(p.communityId, p.pluginId, query.version),
    }),
    defineRoute<{
      params: P;
      body: { version: string; acceptPermissions?: string[]; acceptBreaking?: boolean };
    }>()({
      method: 'post',
      path: '/api/v1/communities/:communityId/installations/:pluginId/upgrade',
      summary: 'Upgrade (breaking changes need acceptBreaking; new permissions need consent)',
      tags: ['installations'],
      auth: auth.community('operator'),
      params,
      body: obj(
        { version: s.semver, acceptPermissions: scopes, acceptBreaking: { type: 'boolean' } },
        ['version'],
      ),
      errors: { 409: '`pinned`, `breaking_upgrade`, `views_in_use`, `config_incompatible`' },
      handler: ({ actor, params: p, body }) =>
        installations.upgrade(actor, p.communityId, p.pluginId, body),
    }),
    defineRoute<{ params: P }>()({
      method: 'delete',
      path: '/api/v1/communities/:communityId/installations/:pluginId',
      summary: "Uninstall, following the plugin's lifecycle.onUninstall for its data",
      tags: ['installations'],
      auth: auth.community('operator'),
      params,
      errors: { 409: '`standard_plugin`, `in_use`' },
      handler: async ({ actor, params: p }) => {
        await installations.uninstall(actor, p.communityId, p.pluginId);
      },
    }),
  ];
}

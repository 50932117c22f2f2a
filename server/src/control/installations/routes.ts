import { PERMISSION_SCOPES } from '@scene/schema';
import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { empty, failure, json } from '../../http/responses';
import { communityParams, itemsOf, obj, s } from '../../http/schemas';
import { installation, upgraded, upgradeReport } from './schemas';
import type { ScheduleSwitches } from './schedules';
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

export function installationRoutes(
  installations: InstallationService,
  schedules: ScheduleSwitches,
): AnyRoute[] {
  return [
    defineRoute<{ params: P & { scheduleId: string }; body: { enabled: boolean } }>()({
      method: 'put',
      path: '/api/v1/communities/:communityId/installations/:pluginId/schedules/:scheduleId',
      summary: "Switch one of a plugin's schedules on or off in this community",
      tags: ['installations'],
      auth: auth.community('operator'),
      responses: {
        200: json(installation, 'The installation with its schedules'),
        404: failure('Not installed here, or the plugin has no such schedule'),
        409: failure('Being uninstalled (`uninstalling`)'),
      },
      params: obj({ communityId: s.communityId, pluginId: s.pluginId, scheduleId: s.identifier }, [
        'communityId',
        'pluginId',
        'scheduleId',
      ]),
      body: obj({ enabled: { type: 'boolean' } }, ['enabled']),
      handler: async ({ actor, params: p, body }) => {
        await schedules.set(actor, p.communityId, p.pluginId, p.scheduleId, body.enabled);
        return installations.get(p.communityId, p.pluginId, false);
      },
    }),
    defineRoute<{ params: { communityId: string }; query: { include?: 'manifest' } }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/installations',
      summary: 'Plugins installed in a community (`include=manifest` adds each manifest)',
      tags: ['installations'],
      auth: auth.community('operator', 'staff'),
      responses: { 200: json(itemsOf(installation)) },
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
      responses: {
        201: json(installation, 'Installed'),
        400: failure('Permissions not accepted (`consent_required`) or configuration invalid'),
        404: failure('No such plugin version'),
        409: failure('`already_installed`, `not_approved`, `incompatible`, `archived`'),
      },
      params: communityParams,
      body: obj({ pluginId: s.pluginId, version: s.semver, config, acceptPermissions: scopes }, [
        'pluginId',
      ]),
      handler: ({ actor, params, body }) => installations.install(actor, params.communityId, body),
    }),
    defineRoute<{ params: P }>()({
      method: 'get',
      path: '/api/v1/communities/:communityId/installations/:pluginId',
      summary: 'One installation with its manifest',
      tags: ['installations'],
      auth: auth.community('operator', 'staff'),
      responses: { 200: json(installation), 404: failure('Not installed here') },
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
      responses: {
        200: json(installation),
        400: failure('The configuration does not match the plugin (`validation_failed`)'),
        404: failure('Not installed here'),
        409: failure('Being uninstalled (`uninstalling`)'),
      },
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
      responses: {
        200: json(upgradeReport),
        404: failure('Not installed here, or no such version'),
        409: failure('`not_newer`, `not_approved`, `incompatible`'),
      },
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
      responses: {
        200: json(upgraded, 'Upgraded, with the report'),
        400: failure('New permissions not accepted (`consent_required`)'),
        404: failure('Not installed here, or no such version'),
        409: failure(
          '`pinned`, `uninstalling`, `not_newer`, `not_approved`, `incompatible`, `breaking_upgrade`, `views_in_use`, `config_incompatible`, `conflict` (details = the report where there is one)',
        ),
      },
      params,
      body: obj(
        { version: s.semver, acceptPermissions: scopes, acceptBreaking: { type: 'boolean' } },
        ['version'],
      ),
      handler: ({ actor, params: p, body }) =>
        installations.upgrade(actor, p.communityId, p.pluginId, body),
    }),
    defineRoute<{ params: P }>()({
      method: 'delete',
      path: '/api/v1/communities/:communityId/installations/:pluginId',
      summary: "Uninstall, following the plugin's lifecycle.onUninstall for its data",
      tags: ['installations'],
      auth: auth.community('operator'),
      responses: {
        204: empty('Uninstalled'),
        404: failure('Not installed here'),
        409: failure('`standard_plugin`, `in_use`, `uninstalling`'),
      },
      params,
      handler: async ({ actor, params: p }) => {
        await installations.uninstall(actor, p.communityId, p.pluginId);
      },
    }),
  ];
}

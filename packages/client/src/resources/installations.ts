import type { Body, Schemas } from '../contract';
import { communityPath, seg } from '../contract';
import type { HttpClient } from '../http';

/** One plugin installed in a community (`manifest` with `withManifest` and for a single one). */
export type Installation = Schemas['Installation'];
export type UpgradeReport = Schemas['UpgradeReport'];
export type UpgradedInstallation = Schemas['UpgradedInstallation'];
export type InstallRequest = Body<'/api/v1/communities/{communityId}/installations', 'post'>;
export type InstallationPatch = Body<
  '/api/v1/communities/{communityId}/installations/{pluginId}',
  'patch'
>;
export type UpgradeRequest = Body<
  '/api/v1/communities/{communityId}/installations/{pluginId}/upgrade',
  'post'
>;

/** Plugins installed in a community: install, configure, upgrade, uninstall (operators). */
export interface InstallationsApi {
  list(communityId: string, options?: { withManifest?: boolean }): Promise<Installation[]>;
  get(communityId: string, pluginId: string): Promise<Installation>;
  install(communityId: string, input: InstallRequest): Promise<Installation>;
  update(communityId: string, pluginId: string, patch: InstallationPatch): Promise<Installation>;
  upgradeReport(communityId: string, pluginId: string, version: string): Promise<UpgradeReport>;
  upgrade(
    communityId: string,
    pluginId: string,
    input: UpgradeRequest,
  ): Promise<UpgradedInstallation>;
  uninstall(communityId: string, pluginId: string): Promise<void>;
}

export function installationsApi(http: HttpClient): InstallationsApi {
  const path = (communityId: string, pluginId?: string) =>
    `${communityPath(communityId)}/installations${pluginId ? `/${seg(pluginId)}` : ''}`;
  return {
    list: async (communityId, options = {}) =>
      (
        await http.request<{ items: Installation[] }>('GET', path(communityId), {
          query: { include: options.withManifest ? 'manifest' : undefined },
        })
      ).items,
    get: (communityId, pluginId) => http.request('GET', path(communityId, pluginId)),
    install: (communityId, input) => http.request('POST', path(communityId), { body: input }),
    update: (communityId, pluginId, patch) =>
      http.request('PATCH', path(communityId, pluginId), { body: patch }),
    upgradeReport: (communityId, pluginId, version) =>
      http.request('GET', `${path(communityId, pluginId)}/upgrade-report`, {
        query: { version },
      }),
    upgrade: (communityId, pluginId, input) =>
      http.request('POST', `${path(communityId, pluginId)}/upgrade`, { body: input }),
    async uninstall(communityId, pluginId) {
      await http.request('DELETE', path(communityId, pluginId));
    },
  };
}

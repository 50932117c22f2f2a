import {
  ApiError,
  type Api,
  type Installation,
  type InstallationsApi,
  type PluginFixtures,
  type PluginVersionSummary,
  type RegistryApi,
  type TokensApi,
} from '@scene/client';
import { checkUpgrade, validateManifest, type PluginManifest } from '@scene/schema';
import { fakeApi, vendor } from './fake-api';
import { fakeResource } from './fake-client';

/**
 * The registry, installations, tokens and session answering from memory like the control plane:
 * publishing validates with @scene/schema and runs the upgrade gate, review decides once,
 * installs need consent. Built on `fakeApi` (signed in as the vendor `acme`); extend per test by
 * overriding methods.
 */
export interface FakeRegistry {
  api: Api;
  versions: (PluginVersionSummary & { manifest: PluginManifest })[];
  installations: Map<string, Installation[]>;
  /** Example data by `<pluginId>@<version>`. */
  fixtures: Map<string, PluginFixtures>;
  calls: string[];
}

const summary = (
  m: PluginManifest,
  status: PluginVersionSummary['status'] = 'pending',
): PluginVersionSummary & { manifest: PluginManifest } => ({
  pluginId: m.id,
  version: m.version,
  vendorId: m.vendor.id,
  vendorName: m.vendor.name,
  scene: m.scene,
  tier: m.tier,
  name: m.name,
  status,
  enginesPlatform: m.engines.platform,
  permissions: m.permissions.map((p) => p.scope),
  checksum: `${m.id}@${m.version}`,
  publishedAt: new Date(Date.now() + Math.random()).toISOString(),
  manifest: m,
});

const semverParts = (v: string) => v.split('.').map(Number);
const newer = (a: string, b: string) => {
  const [x, y] = [semverParts(a), semverParts(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! > y[i]!;
  return false;
};

export function fakeRegistry(seed: { approved?: PluginManifest[] } = {}): FakeRegistry {
  const registry = fakeResource<RegistryApi>('registry', {});
  const installations = fakeResource<InstallationsApi>('installations', {});
  const api = fakeApi({ user: vendor });
  api.registry = registry;
  api.installations = installations;
  api.tokens = fakeResource<TokensApi>('tokens', { list: async () => [] });
  const fake: FakeRegistry = {
    api,
    versions: [],
    installations: new Map(),
    fixtures: new Map(),
    calls: [],
  };
  for (const m of seed.approved ?? []) fake.versions.push(summary(m, 'approved'));
  const strip = ({ manifest: _m, ...rest }: PluginVersionSummary & { manifest: PluginManifest }) =>
    rest;
  const newestPer = (list: typeof fake.versions) => {
    const best = new Map<string, (typeof fake.versions)[number]>();
    for (const v of list) {
      const cur = best.get(v.pluginId);
      if (!cur || newer(v.version, cur.version)) best.set(v.pluginId, v);
    }
    return [...best.values()];
  };

  registry.list = async (f = {}) =>
    newestPer(fake.versions.filter((v) => !f.status || v.status === f.status)).map(strip);
  registry.versions = async (id) => fake.versions.filter((v) => v.pluginId === id).map(strip);
  registry.version = async (id, version) => {
    const v = fake.versions.find((x) => x.pluginId === id && x.version === version);
    if (!v) throw new ApiError(404, 'not_found', 'No such plugin version.');
    return { ...v };
  };
  registry.check = async (json) => {
    fake.calls.push('checkManifest');
    const stored = fake.versions.length;
    await registry.publish(json);
    // Publishing passed: undo it, as the registry's dry run stores nothing.
    fake.versions.splice(stored);
    fake.calls.pop();
    return { ok: true, warnings: [] };
  };
  registry.publish = async (json) => {
    fake.calls.push('publish');
    const r = validateManifest(json);
    if (!r.ok) {
      throw new ApiError(
        400,
        'validation_failed',
        'The manifest is not valid.',
        r.errors.map((i) => ({
          pointer: i.pointer,
          message: i.message.en,
          code: i.code,
          messages: i.message,
        })),
      );
    }
    const m = json as PluginManifest;
    if (fake.versions.some((v) => v.pluginId === m.id && v.version === m.version)) {
      throw new ApiError(409, 'version_exists', `${m.id}@${m.version} is already published.`);
    }
    const prev = fake.versions
      .filter((v) => v.pluginId === m.id && v.status !== 'rejected')
      .sort((a, b) => (newer(a.version, b.version) ? -1 : 1))[0];
    if (prev) {
      const check = checkUpgrade(prev.manifest, m);
      if (!check.allowed) {
        throw new ApiError(
          400,
          'breaking_change',
          `Not allowed after ${prev.version}.`,
          check.issues.map((i) => ({
            pointer: i.pointer,
            message: i.message.en,
            code: i.code,
            messages: i.message,
          })),
        );
      }
    }
    const s = summary(m);
    fake.versions.push(s);
    return { ...strip(s), warnings: [] };
  };
  registry.fixtures = async (id, version) => {
    const f = fake.fixtures.get(`${id}@${version}`);
    if (!f) throw new ApiError(404, 'no_fixtures', `${id}@${version} has no example data.`);
    return structuredClone(f);
  };
  registry.publishFixtures = async (id, version, input) => {
    fake.calls.push(`fixtures:${id}@${version}`);
    const key = `${id}@${version}`;
    if (fake.fixtures.has(key)) throw new ApiError(409, 'fixtures_exist', 'Immutable.');
    const stored = {
      ...structuredClone(input),
      pluginId: id,
      version,
      checksum: key,
      publishedAt: new Date().toISOString(),
    };
    fake.fixtures.set(key, stored);
    return stored;
  };
  registry.reviewQueue = async () => fake.versions.filter((v) => v.status === 'pending').map(strip);
  registry.review = async (id, version, decision, reason) => {
    fake.calls.push(`review:${decision}:${reason ?? ''}`);
    const v = fake.versions.find((x) => x.pluginId === id && x.version === version);
    if (!v) throw new ApiError(404, 'not_found', 'No such plugin version.');
    if (v.status !== 'pending') throw new ApiError(409, 'already_reviewed', 'Already reviewed.');
    v.status = decision === 'approve' ? 'approved' : 'rejected';
    v.review = { at: new Date().toISOString(), decision: v.status, ...(reason ? { reason } : {}) };
    return strip(v);
  };
  installations.list = async (communityId) => [...(fake.installations.get(communityId) ?? [])];
  installations.install = async (communityId, input) => {
    fake.calls.push(`install:${input.pluginId}`);
    const v = fake.versions.find(
      (x) => x.pluginId === input.pluginId && x.version === input.version,
    );
    if (!v || v.status !== 'approved') throw new ApiError(409, 'not_approved', 'Not approved.');
    const missing = v.permissions.filter((p) => !(input.acceptPermissions ?? []).includes(p));
    if (missing.length)
      throw new ApiError(400, 'consent_required', 'Accept the permissions.', { missing });
    const now = new Date().toISOString();
    const inst: Installation = {
      pluginId: v.pluginId,
      version: v.version,
      status: 'active',
      pinned: false,
      config: {},
      grantedPermissions: v.permissions,
      installedAt: now,
      updatedAt: now,
      schedules: {},
      manifest: v.manifest,
    };
    fake.installations.set(communityId, [...(fake.installations.get(communityId) ?? []), inst]);
    return inst;
  };
  installations.update = async (communityId, pluginId, patch) => {
    fake.calls.push(`update:${pluginId}:${JSON.stringify(patch)}`);
    const list = fake.installations.get(communityId) ?? [];
    const i = list.find((x) => x.pluginId === pluginId);
    if (!i) throw new ApiError(404, 'not_found', 'Not installed.');
    if (patch.pinned !== undefined) i.pinned = patch.pinned;
    if (patch.enabled !== undefined) i.status = patch.enabled ? 'active' : 'disabled';
    return { ...i };
  };
  installations.uninstall = async (communityId, pluginId) => {
    fake.calls.push(`uninstall:${pluginId}`);
    fake.installations.set(
      communityId,
      (fake.installations.get(communityId) ?? []).filter((i) => i.pluginId !== pluginId),
    );
  };
  return fake;
}

// Test helpers for the data plane (used by tests only): installs manifests into an in-memory
// installation source, builds callers, and collects audit entries.
import { standardPluginEntries } from '@scene/plugins';
import { DEFAULT_TIME_ZONE, type PluginManifest } from '@scene/schema';
import type { Connection } from 'mongoose';
import type { CommunityActor } from '../../control/auth/actor';
import { ensureDataPlaneIndexes, ensurePluginIndexes } from './indexes';
import type { AuditInput } from '../../control/audit/service';
import type { DataPlaneDeps, InstalledPlugin } from './types';

/** What the data plane asked the audit log to record, with who asked. */
export type RecordedAudit = AuditInput & { actorId: string };

/** A fresh copy of the manifest of the standard plugin in `plugins/<folder>/`. */
export function loadStandardPlugin(folder: string): PluginManifest {
  const entry = standardPluginEntries.find((e) => e.dir === folder);
  if (!entry) throw new Error(`No standard plugin in plugins/${folder}`);
  return structuredClone(entry.manifest);
}

/** The config an operator gets before changing anything: each top-level property's default. */
export function defaultConfig(manifest: PluginManifest): Record<string, unknown> {
  const props =
    (manifest.config as { properties?: Record<string, { default?: unknown }> }).properties ?? {};
  const out: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(props))
    if (p.default !== undefined) out[k] = structuredClone(p.default);
  return out;
}

export interface TestDataPlane extends DataPlaneDeps {
  audits: RecordedAudit[];
  members: DataPlaneDeps['members'] & {
    add(communityId: string, accountId: string, roles: string[]): void;
  };
  install(
    communityId: string,
    manifest: PluginManifest,
    config?: Record<string, unknown>,
    timeZone?: string,
  ): Promise<InstalledPlugin>;
  setStatus(communityId: string, pluginId: string, status: 'enabled' | 'disabled'): void;
  uninstall(communityId: string, pluginId: string): void;
  clock: { now: Date };
}

export async function testDataPlane(connection: Connection): Promise<TestDataPlane> {
  await ensureDataPlaneIndexes(connection);
  const installs = new Map<string, InstalledPlugin>();
  const memberships: { communityId: string; accountId: string; roles: string[] }[] = [];
  const audits: RecordedAudit[] = [];
  const clock = { now: new Date() };
  return {
    connection,
    audits,
    clock,
    now: () => clock.now,
    installed: {
      get: async (c, p) => installs.get(`${c}/${p}`) ?? null,
      list: async (c) => [...installs.values()].filter((i) => i.communityId === c),
    },
    members: {
      add: (communityId, accountId, roles) => memberships.push({ communityId, accountId, roles }),
      accountsWithRoles: async (c, roles) =>
        memberships
          .filter((m) => m.communityId === c && m.roles.some((r) => roles.includes(r)))
          .map((m) => m.accountId),
    },
    audit: {
      record: async (actor, input) => void audits.push({ ...input, actorId: actor.accountId }),
    },
    async install(communityId, manifest, config, timeZone = DEFAULT_TIME_ZONE) {
      await ensurePluginIndexes(connection, manifest);
      const inst: InstalledPlugin = {
        communityId,
        pluginId: manifest.id,
        version: manifest.version,
        manifest,
        config: { ...defaultConfig(manifest), ...config },
        status: 'enabled',
        timeZone,
      };
      installs.set(`${communityId}/${manifest.id}`, inst);
      return inst;
    },
    setStatus(c, p, status) {
      const i = installs.get(`${c}/${p}`);
      if (i) i.status = status;
    },
    uninstall(c, p) {
      installs.delete(`${c}/${p}`);
    },
  };
}

let n = 0;
/** A caller in a community with the given roles; ids are 24-hex like real account ids. */
export function member(communityId: string, roles: string[], name = 'user'): CommunityActor {
  n++;
  const accountId = (
    Date.now().toString(16) +
    n.toString(16).padStart(6, '0') +
    'a'.repeat(24)
  ).slice(0, 24);
  return {
    accountId,
    username: `${name}${n}`,
    displayName: `${name} ${n}`,
    platformRoles: [],
    communityId,
    communityRoles: roles,
  };
}

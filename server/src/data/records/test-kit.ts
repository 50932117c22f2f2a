// Test helpers for the data plane (used by tests only): installs manifests into an in-memory
// installation source, builds callers, and collects audit entries.
import { standardPluginEntries } from '@scene/plugins';
import { DEFAULT_TIME_ZONE, type FamilyGrant, type PluginManifest } from '@scene/schema';
import type { Connection } from 'mongoose';
import type { CommunityActor } from '../../control/auth/actor';
import { ensureDataPlaneIndexes, ensurePluginIndexes } from './indexes';
import { NotificationWorker } from '../notifications/worker';
import type { AuditInput } from '../../control/audit/service';
import type { DataPlaneDeps, InstalledPlugin } from './types';
import type { ListCacheOptions } from '../queries/list-cache-options';

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
    add(
      communityId: string,
      accountId: string,
      roles: string[],
      who?: Partial<CommunityActor>,
    ): void;
  };
  households: DataPlaneDeps['households'] & {
    /** `grantor` allows `grantee` what `grant` says (no grant = the link ends). */
    grant(communityId: string, grantor: string, grantee: string, grant?: FamilyGrant): void;
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
  /** Runs the notification worker until the queue is empty (notices to roles are its job). */
  drainNotices(): Promise<void>;
}

export async function testDataPlane(connection: Connection): Promise<TestDataPlane> {
  await ensureDataPlaneIndexes(connection);
  const installs = new Map<string, InstalledPlugin>();
  const memberships: {
    communityId: string;
    accountId: string;
    roles: string[];
    who: Partial<CommunityActor>;
  }[] = [];
  const grants = new Map<string, FamilyGrant>();
  const grantKey = (c: string, grantor: string, grantee: string) => `${c}|${grantor}|${grantee}`;
  const audits: RecordedAudit[] = [];
  const clock = { now: new Date() };
  const plane: TestDataPlane = {
    connection,
    audits,
    clock,
    now: () => clock.now,
    installed: {
      get: async (c, p) => installs.get(`${c}/${p}`) ?? null,
      list: async (c) => [...installs.values()].filter((i) => i.communityId === c),
    },
    members: {
      add: (communityId, accountId, roles, who = {}) =>
        void memberships.push({ communityId, accountId, roles, who }),
      accountsWithRoles: async (c, roles, page = {}) =>
        memberships
          .filter((m) => m.communityId === c && m.roles.some((r) => roles.includes(r)))
          .map((m) => m.accountId)
          .sort()
          .filter((id) => !page.after || id > page.after)
          .slice(0, page.limit ?? 500),
      member: async (c, accountId) => {
        const m = memberships.find((x) => x.communityId === c && x.accountId === accountId);
        return m
          ? {
              accountId,
              username: accountId,
              displayName: accountId,
              platformRoles: [],
              communityId: c,
              communityRoles: m.roles,
              ...m.who,
            }
          : null;
      },
      displayNames: async (ids) => new Map(ids.map((id) => [id, id])),
      communitiesOf: async (accountId) => [
        ...new Set(memberships.filter((m) => m.accountId === accountId).map((m) => m.communityId)),
      ],
    },
    households: {
      grant(c, grantor, grantee, grant) {
        if (grant) grants.set(grantKey(c, grantor, grantee), grant);
        else grants.delete(grantKey(c, grantor, grantee));
      },
      mayActFor: async (c, actor, subject) => grants.get(grantKey(c, subject, actor))?.act === true,
      actsFor: async (c, accountId) =>
        [...grants.entries()]
          .filter(([k, g]) => g.act && k.startsWith(`${c}|`) && k.endsWith(`|${accountId}`))
          .map(([k]) => k.split('|')[1]!),
      familyOf: async (c, subjects) =>
        [...grants.entries()]
          .filter(
            ([k, g]) => g.notify && subjects.includes(k.split('|')[1]!) && k.startsWith(`${c}|`),
          )
          .map(([k]) => k.split('|')[2]!),
      // Family links are the control plane's; here everyone is a household of their own.
      household: async (c, accountId) => `${c}|${accountId}`,
    },
    participationSecret: 'test-participation-secret-of-32-chars',
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
    drainNotices: () => new NotificationWorker(plane).drain(),
  };
  return plane;
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

/**
 * A list cache for tests of its answers: holds up to 5,000 records a collection, never renews on
 * its own, and readers always wait for its whole reads (so what it examined is what it answered).
 */
export const testListCache: ListCacheOptions = {
  maxRecords: 5_000,
  budget: 50_000,
  maxAgeMs: 3_600_000,
  renewShare: 0.05,
  coldWaitMs: Infinity,
};

// Shared setup for the data-plane API tests: a real server on a test database, two communities
// with the standard plugins installed through an in-memory installation source, and sessions
// for every role.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PluginManifest } from '@scene/schema';
import type { Connection } from 'mongoose';
import { newId } from '../../server/src/auth/secrets';
import type { InstalledPlugin } from '../../server/src/records/types';
import { sessionFor, startTestServer, type TestServer } from '../../server/src/testing/server';

export function standardPlugin(folder: string): PluginManifest {
  return JSON.parse(
    readFileSync(
      fileURLToPath(new URL(`../../plugins/${folder}/plugin.json`, import.meta.url)),
      'utf8',
    ),
  );
}

function defaults(m: PluginManifest): Record<string, unknown> {
  const props =
    (m.config as { properties?: Record<string, { default?: unknown }> }).properties ?? {};
  return Object.fromEntries(
    Object.entries(props).flatMap(([k, p]) => (p.default === undefined ? [] : [[k, p.default]])),
  );
}

export const A = 'community-a';
export const B = 'community-b';
export type Who =
  'residentA' | 'residentA2' | 'staffA' | 'operatorA' | 'residentB' | 'staffB' | 'vendor' | 'admin';

export interface World {
  t: TestServer;
  tokens: Record<Who, string>;
  ids: Record<Who, string>;
  installs: Map<string, InstalledPlugin>;
}

export async function startWorld(
  connection: Connection,
  plugins: PluginManifest[],
  config: Record<string, Record<string, unknown>> = {},
): Promise<World> {
  const t = await startTestServer(connection);
  const installs = new Map<string, InstalledPlugin>();
  t.services.dataPlane.useInstallations({
    get: async (c, p) => installs.get(`${c}/${p}`) ?? null,
    list: async (c) => [...installs.values()].filter((i) => i.communityId === c),
  });
  for (const m of plugins) {
    await t.services.dataPlane.ensurePluginIndexes(m);
    for (const c of [A, B]) {
      installs.set(`${c}/${m.id}`, {
        communityId: c,
        pluginId: m.id,
        version: m.version,
        manifest: m,
        config: { ...defaults(m), ...config[m.id] },
        status: 'enabled',
      });
    }
  }
  const roles: Record<Who, [string | null, string | null, ('admin' | 'vendor')[]]> = {
    residentA: [A, 'resident', []],
    residentA2: [A, 'resident', []],
    staffA: [A, 'staff', []],
    operatorA: [A, 'operator', []],
    residentB: [B, 'resident', []],
    staffB: [B, 'staff', []],
    vendor: [null, null, ['vendor']],
    admin: [null, null, ['admin']],
  };
  const tokens = {} as Record<Who, string>;
  const ids = {} as Record<Who, string>;
  for (const [who, [community, role, platformRoles]] of Object.entries(roles) as [
    Who,
    (typeof roles)[Who],
  ][]) {
    const s = await sessionFor(t.services, {
      username: `${who}_${newId().slice(-6)}`,
      platformRoles,
      ...(who === 'vendor' ? { vendorId: 'std' } : {}),
    });
    tokens[who] = s.token;
    ids[who] = s.accountId;
    if (community && role) {
      const now = new Date();
      await t.services.models.Membership.create({
        _id: newId(),
        communityId: community,
        accountId: s.accountId,
        role: role as never,
        pluginRoles: [],
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  return { t, tokens, ids, installs };
}

export const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(200, 7),
]);

// Shared setup for the data-plane API tests: a real server on a test database, two communities
// with the plugins published, approved and installed through the control plane, and sessions
// for every role.
import type { PluginManifest } from '@scene/schema';
import type { Connection } from 'mongoose';
import type { MembershipRole } from '../../server/src/control/auth/model';
import { newId } from '../../server/src/control/auth/secrets';
import { ADMIN_ACTOR, publishApproved } from '../../server/src/testing/control-plane';
import { sessionFor, startTestServer, type TestServer } from '../../server/src/testing/server';

export { loadStandardPlugin as standardPlugin } from '../../server/src/data/records/test-kit';

export const A = 'community-a';
export const B = 'community-b';
export type Who =
  'residentA' | 'residentA2' | 'staffA' | 'operatorA' | 'residentB' | 'staffB' | 'vendor' | 'admin';

export interface World {
  t: TestServer;
  tokens: Record<Who, string>;
  ids: Record<Who, string>;
}

export async function startWorld(
  connection: Connection,
  plugins: PluginManifest[],
  config: Record<string, Record<string, unknown>> = {},
): Promise<World> {
  const t = await startTestServer(connection);
  for (const m of plugins) await publishApproved(t.services, m);
  for (const c of [A, B]) {
    // Creating a community installs the approved standard plugins; optional ones are installed
    // by hand, as an operator would.
    await t.services.communities.create(
      { id: c, name: c, city: '杭州', district: '西湖区', type: 'new-build' },
      ADMIN_ACTOR,
    );
    const installed = new Set(
      (await t.services.installations.list(c, false)).map((i) => i.pluginId),
    );
    for (const m of plugins) {
      if (!installed.has(m.id)) {
        await t.services.installations.install(ADMIN_ACTOR, c, {
          pluginId: m.id,
          acceptPermissions: m.permissions.map((p) => p.scope),
        });
      }
      if (config[m.id]) {
        const current = (await t.services.installations.get(c, m.id, false)).config;
        await t.services.installations.update(ADMIN_ACTOR, c, m.id, {
          config: { ...current, ...config[m.id] },
        });
      }
    }
  }
  const roles: Record<Who, [string | null, MembershipRole | null, ('admin' | 'vendor')[]]> = {
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
      // Through the service, which also lists the community under the person (erasure reads it).
      await t.services.members.ensure(community, s.accountId, role);
    }
  }
  return { t, tokens, ids };
}

export { TINY_PNG as PNG } from '../../server/src/testing/images';

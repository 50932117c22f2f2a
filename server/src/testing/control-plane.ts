import { exampleManifest, type PluginManifest } from '@scene/schema';
import type { Actor } from '../control/auth/actor';
import type { Services } from '../services';

export const ADMIN_ACTOR: Actor = {
  accountId: 'test-admin',
  username: 'test-admin',
  displayName: 'admin',
  platformRoles: ['admin'],
};

/** A valid manifest (the schema package's example) under another id/version/tier. */
export function manifest(id: string, patch: Partial<PluginManifest> = {}): PluginManifest {
  const m = exampleManifest(id);
  return { ...m, ...patch };
}

/** Publishes and approves a manifest through the services (no HTTP). */
export async function publishApproved(services: Services, m: PluginManifest): Promise<void> {
  await services.registry.publish(ADMIN_ACTOR, m);
  await services.registry.review(ADMIN_ACTOR, m.id, m.version, 'approve');
}

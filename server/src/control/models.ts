import type { Connection } from 'mongoose';
import { auditModels } from './audit/model';
import { authModels } from './auth/model';
import { rekeyMemberships } from './auth/membership-ids';
import { indexAccountCommunities } from './auth/account-communities';
import { FamilyLinkLists } from './households/link-lists';
import { rekeyLegacyTokens } from './auth/tokens';
import { once } from '../db/migrations';
import { communityModels } from './communities/model';
import { householdModels } from './households/model';
import { installationModels } from './installations/model';
import { portalModels } from './portals/model';
import { regionModels } from './regions/model';
import { registryModels } from './registry/model';

/**
 * Every control-plane model, registered on one connection. A module adds its models here
 * (`...fooModels(connection)`); services receive the slice they need.
 */
export function createModels(connection: Connection) {
  return {
    ...auditModels(connection),
    ...authModels(connection),
    ...communityModels(connection),
    ...registryModels(connection),
    ...installationModels(connection),
    ...portalModels(connection),
    ...householdModels(connection),
    ...regionModels(connection),
  };
}
export type Models = ReturnType<typeof createModels>;

/**
 * Builds the declared indexes (unique ones carry rules: one membership per person and community,
 * one portal version per number...). Never implicit (autoIndex is off).
 */
export async function ensureControlIndexes(connection: Connection): Promise<void> {
  const models = createModels(connection);
  // Retired first: a declared index may take a retired one's key under another name.
  for (const [model, index] of RETIRED_INDEXES) {
    const collection = models[model].collection;
    // A database that never had the collection has none of its indexes.
    const names = (await collection.indexes().catch(() => [])).map((i) => i.name);
    if (names.includes(index))
      await collection.dropIndex(index).catch((err: unknown) => {
        // Another process starting at the same time dropped it first.
        if ((err as { codeName?: string }).codeName !== 'IndexNotFound') throw err;
      });
  }
  for (const model of Object.values(models)) await model.createIndexes();
  await rekeyLegacyTokens(models.ApiToken);
  await once(connection, 'membership-ids', () => rekeyMemberships(models.Membership));
  await once(connection, 'account-communities', () => indexAccountCommunities(models.Membership));
  await once(connection, 'family-link-lists', () => new FamilyLinkLists(models).build());
}

/**
 * Unique indexes an earlier release declared on fields no longer written, or on a key its `_id` now
 * makes unique: kept, they would refuse
 * the second document without the field (sessions are keyed by their token's hash now).
 */
const RETIRED_INDEXES: readonly [keyof Models, string][] = [
  ['Session', 'tokenHash_1'],
  ['ApiToken', 'tokenHash_1'],
  // One membership per person and community is its `_id` now (auth/model.ts membershipId).
  ['Membership', 'communityId_1_accountId_1'],
];

import type { Portal } from '@scene/schema';
import type { CommunityModels } from '../communities/model';
import type { PortalModels } from './model';
import { pluginUsage } from './report';

/**
 * Plugin id → views the live portal of a community places. A plain read over the models, so the
 * installations module can refuse to break the live portal without depending on this service.
 */
export async function livePortalUsage(
  models: Pick<PortalModels, 'PortalVersion'> & Pick<CommunityModels, 'Community'>,
  communityId: string,
): Promise<Map<string, Set<string>>> {
  const community = await models.Community.findById(communityId, { publishedVersion: 1 }).lean();
  if (!community?.publishedVersion) return new Map();
  const doc = await models.PortalVersion.findById(
    `${communityId}:${community.publishedVersion}`,
  ).lean();
  return doc ? pluginUsage(JSON.parse(doc.portalJson) as Portal) : new Map();
}

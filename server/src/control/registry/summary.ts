import type { PluginVersionDoc, ReviewStatus } from './model';

/** A plugin version as the registry lists it: everything but the manifest itself. */
export interface PluginSummary {
  pluginId: string;
  version: string;
  vendorId: string;
  vendorName?: Record<string, string>;
  scene: string;
  tier: 'standard' | 'optional';
  name: Record<string, string>;
  status: ReviewStatus;
  enginesPlatform: string;
  permissions: string[];
  checksum: string;
  publishedAt: string;
  review?: { at: string; reason?: string; decision: 'approved' | 'rejected' };
  upgrade?: PluginVersionDoc['upgrade'];
}

export function summary(d: Omit<PluginVersionDoc, 'manifestJson'>): PluginSummary {
  return {
    pluginId: d.pluginId,
    version: d.version,
    vendorId: d.vendorId,
    ...(d.vendorName ? { vendorName: d.vendorName } : {}),
    scene: d.scene,
    tier: d.tier,
    name: d.name,
    status: d.status,
    enginesPlatform: d.enginesPlatform,
    permissions: d.permissions,
    checksum: d.checksum,
    publishedAt: d.publishedAt.toISOString(),
    ...(d.review && d.status !== 'pending'
      ? {
          review: {
            at: new Date(d.review.at).toISOString(),
            decision: d.status as 'approved' | 'rejected',
            ...(d.review.reason ? { reason: d.review.reason } : {}),
          },
        }
      : {}),
    ...(d.upgrade ? { upgrade: d.upgrade } : {}),
  };
}

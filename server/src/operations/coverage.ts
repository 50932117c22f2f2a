import { SCENES, type LocalizedText, type Scene } from '@scene/schema';
import type { ControlPlane } from '../control';
import type { DataPlane } from '../data';
import { livePortalUsage } from '../control/portals/usage';
import { recordCollectionName } from '../data/records/names';

/** How far a community offers the nine scenes, and how it scores (all figures, no records). */
export interface Coverage {
  scenes: { scene: Scene; installed: boolean; placed: boolean; used: boolean }[];
  /** 标配 components approved on the platform that the community has not installed and enabled. */
  missingStandard: { pluginId: string; name: LocalizedText; scene: Scene }[];
  standard: { total: number; present: number };
  /**
   * 0–100: 40 for the share of 标配 installed and placed on the portal, 30 for the share of the
   * nine scenes on the portal, 30 for the share used in the last 30 days.
   */
  score: number;
}

const USED_DAYS = 30;

/** What coverage reads: installations, portals, the registry and record collections. */
export type CoverageDeps = Pick<ControlPlane, 'models' | 'registry'> & { dataPlane: DataPlane };

export async function communityCoverage(
  services: CoverageDeps,
  communityId: string,
  now: Date,
): Promise<Coverage> {
  const db = services.dataPlane.connection.db!;
  const [installed, usage, standard] = await Promise.all([
    services.dataPlane.installed.list(communityId),
    livePortalUsage(services.models, communityId),
    services.registry.approvedStandardPlugins(),
  ]);
  const enabled = installed.filter((p) => p.status === 'enabled');
  const since = new Date(now.getTime() - USED_DAYS * 86_400_000).toISOString();
  const used = new Set<string>();
  for (const p of enabled) {
    for (const name of Object.keys(p.manifest.collections)) {
      // One record is enough; FerretDB stops at the first match of a plain find.
      const hit = await db
        .collection(recordCollectionName(p.pluginId, name))
        .findOne({ communityId, createdAt: { $gte: since } }, { projection: { _id: 1 } });
      if (hit) {
        used.add(p.pluginId);
        break;
      }
    }
  }
  const scenes = SCENES.map((scene) => {
    const of = enabled.filter((p) => p.manifest.scene === scene);
    return {
      scene,
      installed: of.length > 0,
      placed: of.some((p) => usage.has(p.pluginId)),
      used: of.some((p) => used.has(p.pluginId)),
    };
  });
  const present = new Set(enabled.filter((p) => usage.has(p.pluginId)).map((p) => p.pluginId));
  const missing = standard.filter((s) => !enabled.some((p) => p.pluginId === s.pluginId));
  const missingStandard = await Promise.all(
    missing.map(async (s) => {
      const m = await services.registry.manifest(s.pluginId, s.version);
      return { pluginId: s.pluginId, name: m.name, scene: m.scene };
    }),
  );
  const stdPresent = standard.filter((s) => present.has(s.pluginId)).length;
  const share = (n: number, of: number) => (of === 0 ? 1 : n / of);
  const score = Math.round(
    40 * share(stdPresent, standard.length) +
      30 * share(scenes.filter((s) => s.placed).length, SCENES.length) +
      30 * share(scenes.filter((s) => s.used).length, SCENES.length),
  );
  return {
    scenes,
    missingStandard: missingStandard.sort((a, b) => a.pluginId.localeCompare(b.pluginId)),
    standard: { total: standard.length, present: stdPresent },
    score,
  };
}

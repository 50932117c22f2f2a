import type { PluginVersionSummary } from '@scene/client';

// Kept apart from the review screen's composable so that the marketplace, which only orders
// versions, does not load the manifest validator with it.

/** Semver-ish ordering good enough to find the version before another (x.y.z[-pre]). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  const pb = b.split(/[.-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    if (x === undefined) return i >= 3 ? 1 : -1; // 1.0.0 > 1.0.0-rc
    if (y === undefined) return i >= 3 ? -1 : 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/**
 * The version a submission is compared with: the newest older version that was not rejected
 * (the same one the registry's breaking-change gate used).
 */
export function previousVersion(
  all: PluginVersionSummary[],
  version: string,
): PluginVersionSummary | undefined {
  return all
    .filter((v) => v.status !== 'rejected' && compareVersions(v.version, version) < 0)
    .sort((a, b) => compareVersions(b.version, a.version))[0];
}

import { computed, ref, shallowRef } from 'vue';
import type { PluginManifest } from '@scene/schema';
import type { PluginVersionDetail, PluginVersionSummary } from '@scene/client';
import { api } from '../api';
import { validateManifestSafe, type SafeValidation } from '../manifest/validate-safe';
import { reviewDiff } from './review-diff';

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

/** Everything the admin needs to decide on one submitted version. */
export function useReviewVersion(pluginId: string, version: string) {
  const detail = shallowRef<PluginVersionDetail | null>(null);
  const previous = shallowRef<PluginManifest | null>(null);
  const validation = shallowRef<SafeValidation | null>(null);
  const loading = ref(true);
  const error = ref<unknown>(null);

  const diff = computed(() =>
    detail.value ? reviewDiff(previous.value, detail.value.manifest) : null,
  );

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const { registry } = api();
      const [d, all] = await Promise.all([
        registry.version(pluginId, version),
        registry.versions(pluginId),
      ]);
      const prev = previousVersion(all, version);
      previous.value = prev ? (await registry.version(pluginId, prev.version)).manifest : null;
      detail.value = d;
      // The registry validated it fully on submission (it would not be in the queue otherwise);
      // checking again here shows the reviewer the warnings too where the browser allows.
      validation.value = validateManifestSafe(d.manifest);
    } catch (err) {
      error.value = err;
    } finally {
      loading.value = false;
    }
  }

  async function decide(decision: 'approve' | 'reject', reason?: string): Promise<void> {
    const updated = await api().registry.review(pluginId, version, decision, reason);
    if (detail.value) detail.value = { ...detail.value, ...updated };
  }

  return { detail, previous, validation, diff, loading, error, load, decide };
}

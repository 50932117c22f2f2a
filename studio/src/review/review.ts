import { computed, ref, shallowRef } from 'vue';
import { validateManifest, type PluginManifest, type ValidationResult } from '@scene/schema';
import type { PluginVersionDetail } from '@scene/client';
import { api } from '../api';
import { previousVersion } from '../ui/versions';
import { reviewDiff } from './review-diff';

/** Everything the admin needs to decide on one submitted version. */
export function useReviewVersion(pluginId: string, version: string) {
  const detail = shallowRef<PluginVersionDetail | null>(null);
  const previous = shallowRef<PluginManifest | null>(null);
  const validation = shallowRef<ValidationResult | null>(null);
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
      // the same check again here shows the reviewer its warnings.
      validation.value = validateManifest(d.manifest);
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

import { computed, ref, shallowRef } from 'vue';
import type { PluginVersionDetail, PluginVersionSummary } from '@scene/client';
import { api } from '../api';
import { changelog, piiFields, uninstallPolicy } from '../manifest/manifest-facts';

/** One plugin's page: its newest approved version (with manifest) and every approved version. */
export function usePluginPage(pluginId: string) {
  const versions = ref<PluginVersionSummary[]>([]);
  const detail = shallowRef<PluginVersionDetail | null>(null);
  const loading = ref(true);
  const error = ref<unknown>(null);

  const manifest = computed(() => detail.value?.manifest ?? null);
  const pii = computed(() => (manifest.value ? piiFields(manifest.value) : []));
  const policy = computed(() =>
    manifest.value ? uninstallPolicy(manifest.value) : 'export-then-delete',
  );
  const notes = computed(() => (manifest.value ? changelog(manifest.value) : []));

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const { registry } = api();
      const all = (await registry.versions(pluginId)).filter((v) => v.status === 'approved');
      versions.value = all;
      detail.value = all[0] ? await registry.version(pluginId, all[0].version) : null;
    } catch (err) {
      error.value = err;
    } finally {
      loading.value = false;
    }
  }

  return { versions, detail, manifest, pii, policy, notes, loading, error, load };
}

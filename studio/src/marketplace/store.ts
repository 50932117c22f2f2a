import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef } from 'vue';
import type { Installation, PluginVersionSummary } from '@scene/client';
import { api } from '../api';
import { compareVersions } from '../ui/versions';

export interface MarketFilters {
  scene: string;
  tier: string;
  vendor: string;
  q: string;
}

/** A marketplace row: the newest approved version, and what this community has of it. */
export interface MarketRow extends PluginVersionSummary {
  installed?: Installation;
  /** The newer approved version the installation could move to. */
  upgradeTo?: string;
}

export function matches(p: PluginVersionSummary, f: MarketFilters): boolean {
  if (f.scene && p.scene !== f.scene) return false;
  if (f.tier && p.tier !== f.tier) return false;
  if (f.vendor && p.vendorId !== f.vendor) return false;
  const q = f.q.trim().toLowerCase();
  if (q && !`${p.pluginId} ${p.name['zh-CN']} ${p.name.en}`.toLowerCase().includes(q)) return false;
  return true;
}

/** The installed list's filters: a name (or id) and the plugin's scene. */
export interface InstalledFilters {
  scene: string;
  q: string;
}

export function installedMatches(i: Installation, f: InstalledFilters): boolean {
  if (f.scene && i.manifest?.scene !== f.scene) return false;
  const q = f.q.trim().toLowerCase();
  const name = i.manifest?.name;
  const words = `${i.pluginId} ${name?.['zh-CN'] ?? ''} ${name?.en ?? ''}`.toLowerCase();
  return !q || words.includes(q);
}

export function toRows(plugins: PluginVersionSummary[], installed: Installation[]): MarketRow[] {
  const byId = new Map(installed.map((i) => [i.pluginId, i]));
  return plugins.map((p) => {
    const inst = byId.get(p.pluginId);
    const newer = inst && compareVersions(p.version, inst.version) > 0 ? p.version : undefined;
    return { ...p, ...(inst ? { installed: inst } : {}), ...(newer ? { upgradeTo: newer } : {}) };
  });
}

/** Approved plugins and the current community's installations. */
export const useMarketplaceStore = defineStore('marketplace', () => {
  const plugins = ref<PluginVersionSummary[]>([]);
  const installations = shallowRef<Installation[]>([]);
  const communityId = ref<string | null>(null);
  const filters = reactive<MarketFilters>({ scene: '', tier: '', vendor: '', q: '' });
  const installedFilters = reactive<InstalledFilters>({ scene: '', q: '' });
  const installedRows = computed(() =>
    installations.value.filter((i) => installedMatches(i, installedFilters)),
  );
  /** The scenes the community's installations belong to: the installed list filters by them. */
  const installedScenes = computed(() =>
    [...new Set(installations.value.flatMap((i) => (i.manifest ? [i.manifest.scene] : [])))].sort(),
  );
  const loading = ref(false);
  const error = ref<unknown>(null);

  const rows = computed(() => toRows(plugins.value, installations.value));
  const filtered = computed(() => rows.value.filter((r) => matches(r, filters)));
  /** Each vendor once, with the name its manifests give (the id where an old version has none). */
  const vendors = computed(() => {
    const byId = new Map<string, PluginVersionSummary['vendorName']>();
    for (const p of plugins.value) if (!byId.get(p.vendorId)) byId.set(p.vendorId, p.vendorName);
    return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => (a.id < b.id ? -1 : 1));
  });
  const scenes = computed(() => [...new Set(plugins.value.map((p) => p.scene))].sort());
  const filtering = computed(
    () => !!(filters.scene || filters.tier || filters.vendor || filters.q),
  );

  async function load(id: string): Promise<void> {
    communityId.value = id;
    loading.value = true;
    error.value = null;
    try {
      const { registry, installations: installed } = api();
      const [p, i] = await Promise.all([
        registry.list({ status: 'approved', limit: 200 }),
        installed.list(id, { withManifest: true }),
      ]);
      plugins.value = p;
      installations.value = i;
    } catch (err) {
      error.value = err;
    } finally {
      loading.value = false;
    }
  }

  async function refreshInstallations(): Promise<void> {
    if (communityId.value)
      installations.value = await api().installations.list(communityId.value, {
        withManifest: true,
      });
  }

  function clearFilters(): void {
    Object.assign(filters, { scene: '', tier: '', vendor: '', q: '' });
  }

  return {
    plugins,
    installations,
    communityId,
    filters,
    installedFilters,
    installedRows,
    installedScenes,
    loading,
    error,
    rows,
    filtered,
    vendors,
    scenes,
    filtering,
    load,
    refreshInstallations,
    clearFilters,
  };
});

import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ApiToken, PluginVersionSummary, TokenScope } from '@scene/client';
import { api } from '../api';

/** A vendor's own plugin versions (every status) and API tokens. */
export const useVendorStore = defineStore('vendor', () => {
  const versions = ref<PluginVersionSummary[]>([]);
  const tokens = ref<ApiToken[]>([]);
  const loading = ref(false);
  const error = ref<unknown>(null);

  /** Every version of every plugin the vendor may see, newest publication first. */
  async function loadVersions(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const { registry } = api();
      const plugins = await registry.list({ limit: 200 });
      const all = await Promise.all(plugins.map((p) => registry.versions(p.pluginId)));
      versions.value = all.flat().sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
    } catch (err) {
      error.value = err;
    } finally {
      loading.value = false;
    }
  }

  async function loadTokens(): Promise<void> {
    tokens.value = await api().tokens.list();
  }

  /** Returns the token's value: the only time anyone sees it. */
  async function createToken(
    name: string,
    scopes: TokenScope[],
    expiresInDays?: number,
  ): Promise<string> {
    const created = await api().tokens.create(
      expiresInDays ? { name, scopes, expiresInDays } : { name, scopes },
    );
    await loadTokens();
    return created.token;
  }

  async function revokeToken(id: string): Promise<void> {
    await api().tokens.revoke(id);
    await loadTokens();
  }

  /** The newest version of a plugin, as the base of the next one. */
  function latestOf(pluginId: string): PluginVersionSummary | undefined {
    return versions.value.find((v) => v.pluginId === pluginId);
  }

  return {
    versions,
    tokens,
    loading,
    error,
    loadVersions,
    loadTokens,
    createToken,
    revokeToken,
    latestOf,
  };
});

import { computed, ref } from 'vue';
import { ApiError, type PluginFixturesInput } from '@scene/client';
import type { PluginManifest } from '@scene/schema';
import { api } from '../api';
import { registryFixtures } from '../preview/fixtures';

/** A refused submission: the registry's message and each issue's place in the document. */
export interface FixturesRefusal {
  message: string;
  issues: { pointer: string; message: string; messages?: { 'zh-CN': string; en: string } }[];
}

/** An empty example for a manifest: no config, no records in each collection. */
export function emptyFixtures(manifest: PluginManifest): PluginFixturesInput {
  return {
    config: {},
    records: Object.fromEntries(Object.keys(manifest.collections).map((c) => [c, []])),
  };
}

const toText = (fixtures: PluginFixturesInput) => `${JSON.stringify(fixtures, null, 2)}\n`;

/**
 * The example data a vendor submits with a version (the `fixtures/` folder of the CLI, as one
 * `{config, records}` document): edited as text, previewed while typing, published right after
 * the version (the registry checks it against the manifest and keeps it immutable).
 */
export function useFixturesDraft() {
  const text = ref('');
  const read = computed<{ value?: PluginFixturesInput; error?: string }>(() => {
    if (!text.value.trim()) return {};
    try {
      const value = JSON.parse(text.value) as unknown;
      return value && typeof value === 'object' && !Array.isArray(value)
        ? { value: value as PluginFixturesInput }
        : { error: '{ "config": {…}, "records": {…} }' };
    } catch (err) {
      return { error: (err as Error).message };
    }
  });
  const parsed = computed(() => read.value.value);
  /** Why the text is not an example-data document, or '' when it is (or is empty). */
  const parseError = computed(() => read.value.error ?? '');
  const published = ref(false);
  const refusal = ref<FixturesRefusal | null>(null);

  function load(fixtures: PluginFixturesInput | undefined): void {
    text.value = fixtures ? toText({ config: fixtures.config, records: fixtures.records }) : '';
    published.value = false;
    refusal.value = null;
  }

  /** Starts from the example data of a published version, when it has some. */
  async function loadFrom(pluginId: string, version: string): Promise<void> {
    load(await registryFixtures(pluginId, version));
  }

  /** Publishes the draft with a just-published version; false (with `refusal`) when refused. */
  async function publishFor(pluginId: string, version: string): Promise<boolean> {
    refusal.value = null;
    if (!parsed.value) return true;
    try {
      await api().registry.publishFixtures(pluginId, version, parsed.value);
      published.value = true;
      return true;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      // The server's pointers start at the document the vendor edits.
      const issues = Array.isArray(err.details) ? (err.details as FixturesRefusal['issues']) : [];
      refusal.value = { message: err.message, issues };
      return false;
    }
  }

  return { text, parsed, parseError, published, refusal, load, loadFrom, publishFor };
}

import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Installation } from '@scene/client';
import type { Block, LocalizedText, PluginManifest, Scene, Tier } from '@scene/schema';
import { SCENES } from '@scene/schema';
import { api } from '../api';
import { PRIMITIVE_NAMES } from '../editor/block-names';
import { CONTAINER_TYPES } from '../editor/blocks';

/** One thing the palette offers: a plugin's block view, or a layout primitive. */
export interface PaletteEntry {
  key: string;
  kind: 'plugin' | 'primitive';
  title: LocalizedText;
  /** Plugin entries */
  pluginId?: string;
  viewId?: string;
  pluginName?: LocalizedText;
  scene?: Scene;
  tier?: Tier;
  icon?: string;
  /** Primitive entries */
  type?: string;
}

export interface PaletteGroup {
  scene: Scene;
  entries: PaletteEntry[];
}

/**
 * Layout and content primitives an operator may place around plugin blocks: every block
 * primitive of the catalog whose new block is valid without further input. An image needs a
 * picture and an entry grid at least one entry with its target page, and tabs take only
 * sections: those three are added in the code tab (each still gets its property form there).
 */
export const PALETTE_PRIMITIVES = [
  'stack',
  'grid',
  'card',
  'section',
  'heading',
  'text',
  'markdown',
  'banner',
  'notice-bar',
  'empty',
  'points-balance',
  'inbox',
] as const;
export const LAYOUT_ENTRIES: readonly PaletteEntry[] = PALETTE_PRIMITIVES.map((type) => ({
  key: `p:${type}`,
  kind: 'primitive',
  type,
  title: PRIMITIVE_NAMES[type]!,
}));

const both = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const PRIMITIVE_DEFAULTS: Record<string, Record<string, unknown>> = {
  stack: {},
  grid: { columns: 2 },
  card: { title: both('卡片', 'Card') },
  section: { title: both('分区', 'Section') },
  heading: { text: both('标题', 'Heading') },
  text: { text: both('文字', 'Text') },
  markdown: { source: both('正文', 'Body text') },
  banner: { title: both('欢迎回家', 'Welcome home') },
  'notice-bar': { text: both('通知', 'Notice') },
  empty: { text: both('暂无内容', 'Nothing here yet') },
};

/** The installed plugins of the community being composed, and the palette built from them. */
export const useCatalogStore = defineStore('catalog', () => {
  const communityId = ref<string | null>(null);
  const installations = shallowRef<Installation[]>([]);
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');

  const manifests = computed(() => {
    const map = new Map<string, PluginManifest>();
    for (const i of installations.value) if (i.manifest) map.set(i.pluginId, i.manifest);
    return map;
  });

  /** Block views of active installations, grouped by the nine scenes in their fixed order. */
  const paletteGroups = computed<PaletteGroup[]>(() => {
    const byScene = new Map<Scene, PaletteEntry[]>();
    for (const inst of installations.value) {
      const m = inst.manifest;
      if (!m || inst.status === 'disabled') continue;
      for (const view of m.views) {
        if (view.slot !== 'block') continue;
        const list = byScene.get(m.scene) ?? [];
        list.push({
          key: `${m.id}/${view.id}`,
          kind: 'plugin',
          pluginId: m.id,
          viewId: view.id,
          title: view.title ?? m.name,
          pluginName: m.name,
          scene: m.scene,
          tier: m.tier,
          icon: m.icon,
        });
        byScene.set(m.scene, list);
      }
    }
    return SCENES.filter((s) => byScene.has(s)).map((scene) => ({
      scene,
      // Standard (标配) first: every community has them and operators look for them first.
      entries: byScene
        .get(scene)!
        .sort((a, b) => (a.tier === b.tier ? 0 : a.tier === 'standard' ? -1 : 1)),
    }));
  });

  async function load(id: string): Promise<void> {
    communityId.value = id;
    status.value = 'loading';
    try {
      const list = await api().installations.list(id, { withManifest: true });
      if (communityId.value !== id) return;
      installations.value = list;
      status.value = 'ready';
    } catch (err) {
      status.value = 'error';
      throw err;
    }
  }

  function manifest(pluginId: string): PluginManifest | undefined {
    return manifests.value.get(pluginId);
  }

  /** A new block for a palette entry; the id is made unique when it is inserted. */
  function blockFor(entry: PaletteEntry): Block {
    if (entry.kind === 'plugin') {
      return {
        id: entry.viewId ? `${entry.pluginId!.split('.')[1]}` : 'block',
        kind: 'plugin',
        plugin: entry.pluginId!,
        view: entry.viewId!,
        config: {},
      };
    }
    const type = entry.type!;
    const props = JSON.parse(JSON.stringify(PRIMITIVE_DEFAULTS[type] ?? {}));
    return (CONTAINER_TYPES as readonly string[]).includes(type)
      ? { id: type, kind: 'primitive', type, props, children: [] }
      : { id: type, kind: 'primitive', type, props };
  }

  return { communityId, installations, status, manifests, paletteGroups, load, manifest, blockFor };
});

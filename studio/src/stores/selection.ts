import { defineStore } from 'pinia';
import { ref } from 'vue';

export type CenterTab = 'canvas' | 'code';
export type SidePanel = 'block' | 'theme' | 'tabs' | 'steps';
export type CodeScope = 'block' | 'page' | 'portal';

/** What the operator is looking at; kept apart from the document so selecting is not an edit. */
export const useSelectionStore = defineStore('selection', () => {
  const pageId = ref<string | null>(null);
  const blockId = ref<string | null>(null);
  const centerTab = ref<CenterTab>('canvas');
  const sidePanel = ref<SidePanel>('block');
  const codeScope = ref<CodeScope>('page');
  /** Code-tab text that does not parse yet, by model URI: kept across tab switches. */
  const codeDrafts = ref<Record<string, string>>({});

  function selectPage(id: string): void {
    if (pageId.value !== id) blockId.value = null;
    pageId.value = id;
  }

  function selectBlock(id: string | null): void {
    blockId.value = id;
    if (id) sidePanel.value = 'block';
  }

  function reset(firstPageId: string | null): void {
    pageId.value = firstPageId;
    blockId.value = null;
  }

  return {
    pageId,
    blockId,
    centerTab,
    sidePanel,
    codeScope,
    codeDrafts,
    selectPage,
    selectBlock,
    reset,
  };
});

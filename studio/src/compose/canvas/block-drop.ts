import type { SortableEvent } from 'vue-draggable-plus';
import type { Block } from '@scene/schema';
import type { ParentRef } from '../../editor/blocks';
import { insertBlock, moveBlock, removeBlock } from '../../editor/commands';
import { beginDrag, dragKey, dragSubject } from '../../editor/drag-session';
import type { PaletteEntry } from '../../stores/catalog';
import { useCatalogStore } from '../../stores/catalog';
import { usePortalDocStore } from '../../stores/portal-doc';
import { useSelectionStore } from '../../stores/selection';

/**
 * What a list of blocks does when something is dropped on it or moved inside it, for the outline
 * and for the phone preview alike: the store changes, the list's own model update is ignored on
 * purpose (see drag-session).
 */
export function useBlockDrop(parent: () => ParentRef, blocks: () => readonly Block[]) {
  const doc = usePortalDocStore();
  const catalog = useCatalogStore();
  const selection = useSelectionStore();

  function onStart(evt: SortableEvent): void {
    const block = blocks()[evt.oldIndex ?? -1];
    if (block) beginDrag({ kind: 'block', id: block.id });
  }

  function onAdd(evt: SortableEvent): void {
    const subject = dragSubject();
    const at = evt.newIndex ?? blocks().length;
    if (subject?.kind === 'block') moveBlock(doc, subject.id, parent(), at, dragKey());
    if (subject?.kind === 'entry') {
      const id = insertBlock(doc, catalog.blockFor(subject.entry), parent(), at, dragKey());
      if (id) selection.selectBlock(id);
    }
  }

  function onUpdate(evt: SortableEvent): void {
    const subject = dragSubject();
    if (subject?.kind === 'block')
      moveBlock(doc, subject.id, parent(), evt.newIndex ?? 0, dragKey());
  }

  return { onStart, onAdd, onUpdate };
}

/**
 * The keyboard's way to do what dragging does, on a focused block: Alt+↑/↓ moves it within its
 * list, Delete removes it. Returns whether the key was one of these.
 */
export function blockKey(
  e: KeyboardEvent,
  blockId: string,
  parent: ParentRef,
  siblings: readonly Block[],
): boolean {
  const doc = usePortalDocStore();
  const selection = useSelectionStore();
  if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
    const to = siblings.findIndex((b) => b.id === blockId) + (e.key === 'ArrowUp' ? -1 : 1);
    if (to >= 0 && to < siblings.length) moveBlock(doc, blockId, parent, to);
    selection.selectBlock(blockId);
    return true;
  }
  if (e.key === 'Delete') {
    dropBlock(blockId);
    return true;
  }
  return false;
}

/** Removes a block from the page (one undoable step) and its selection with it. */
export function dropBlock(blockId: string): void {
  const selection = useSelectionStore();
  if (selection.blockId === blockId) selection.selectBlock(null);
  removeBlock(usePortalDocStore(), blockId);
}

/**
 * The keyboard's way to drop a palette entry: on the current page, after the selected top-level
 * block or at the end. The new block is selected, so its properties open.
 */
export function addEntry(entry: PaletteEntry): string | null {
  const doc = usePortalDocStore();
  const catalog = useCatalogStore();
  const selection = useSelectionStore();
  const page = doc.portal?.pages.find((p) => p.id === selection.pageId) ?? doc.portal?.pages[0];
  if (!page) return null;
  const selected = page.blocks.findIndex((b) => b.id === selection.blockId);
  const at = selected >= 0 ? selected + 1 : page.blocks.length;
  const id = insertBlock(doc, catalog.blockFor(entry), { pageId: page.id }, at);
  if (id) selection.selectBlock(id);
  return id;
}

import type { Block, Page, Portal } from '@scene/schema';
import type { Path, PathSegment } from './patches';

/**
 * Blocks are addressed by id, never by a cached index path: a drag that inserts above a list
 * would shift the indices a component captured at render time. Paths are looked up at the
 * moment an operation is built.
 */

/** Where a list of blocks lives: a page's top level, or a layout container's children. */
export interface ParentRef {
  pageId: string;
  /** Absent: the page's top-level `blocks`. */
  blockId?: string;
}

/** Primitives that hold other blocks; the canvas lets blocks be dropped into them. */
export const CONTAINER_TYPES = ['stack', 'grid', 'card', 'section', 'tabs'] as const;

export function isContainer(block: Block): boolean {
  return block.kind === 'primitive' && (CONTAINER_TYPES as readonly string[]).includes(block.type);
}

export function pageIndex(portal: Portal, pageId: string): number {
  return portal.pages.findIndex((p) => p.id === pageId);
}

/** Path of the block with `id` and the page it is on, or null. */
export function findBlock(
  portal: Portal,
  id: string,
): { path: PathSegment[]; block: Block; pageId: string; parent: ParentRef } | null {
  for (const [pi, page] of portal.pages.entries()) {
    const hit = searchList(page.blocks, id, ['pages', pi, 'blocks'], { pageId: page.id });
    if (hit) return { ...hit, pageId: page.id };
  }
  return null;
}

function searchList(
  blocks: readonly Block[],
  id: string,
  at: PathSegment[],
  parent: ParentRef,
): { path: PathSegment[]; block: Block; parent: ParentRef } | null {
  for (const [i, block] of blocks.entries()) {
    if (block.id === id) return { path: [...at, i], block, parent };
    if (block.kind === 'primitive' && block.children) {
      const hit = searchList(block.children, id, [...at, i, 'children'], {
        pageId: parent.pageId,
        blockId: block.id,
      });
      if (hit) return hit;
    }
  }
  return null;
}

/** Path of the array that `parent` designates, or null when the page or container is gone. */
export function listPath(portal: Portal, parent: ParentRef): PathSegment[] | null {
  const pi = pageIndex(portal, parent.pageId);
  if (pi < 0) return null;
  if (!parent.blockId) return ['pages', pi, 'blocks'];
  const hit = findBlock(portal, parent.blockId);
  return hit ? [...hit.path, 'children'] : null;
}

export function listAt(portal: Portal, parent: ParentRef): Block[] {
  const pi = pageIndex(portal, parent.pageId);
  if (pi < 0) return [];
  if (!parent.blockId) return portal.pages[pi]!.blocks;
  const hit = findBlock(portal, parent.blockId);
  return hit?.block.kind === 'primitive' ? (hit.block.children ?? []) : [];
}

/** Every block id in the portal, for making new ids unique across all pages. */
export function allBlockIds(portal: Portal): Set<string> {
  const ids = new Set<string>();
  const walk = (blocks: readonly Block[]) => {
    for (const b of blocks) {
      ids.add(b.id);
      if (b.kind === 'primitive' && b.children) walk(b.children);
    }
  };
  for (const page of portal.pages) walk(page.blocks);
  return ids;
}

/** A readable id (`notice-board-2`) that matches the portal schema's id pattern. */
export function newBlockId(taken: Set<string>, base: string): string {
  const stem =
    base
      .toLowerCase()
      .replace(/^[a-z0-9]+\./, '')
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^[^a-z]+/, '')
      .slice(0, 30) || 'block';
  for (let n = 1; ; n++) {
    const id = n === 1 ? stem : `${stem}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** Gives a copied block (and its children) ids not used anywhere in the portal. */
export function withFreshIds(block: Block, taken: Set<string>): Block {
  const id = taken.has(block.id) ? newBlockId(taken, block.id.replace(/-\d+$/, '')) : block.id;
  taken.add(id);
  if (block.kind === 'primitive' && block.children) {
    return { ...block, id, children: block.children.map((c) => withFreshIds(c, taken)) };
  }
  return { ...block, id };
}

export function blockCount(page: Page): number {
  let n = 0;
  const walk = (blocks: readonly Block[]) => {
    for (const b of blocks) {
      n++;
      if (b.kind === 'primitive' && b.children) walk(b.children);
    }
  };
  walk(page.blocks);
  return n;
}

export type { Path };

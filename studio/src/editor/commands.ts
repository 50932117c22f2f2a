import {
  applyPreset,
  type Block,
  type ConfigPreset,
  type LocalizedText,
  type Page,
  type Portal,
  type Tab,
  type Theme,
} from '@scene/schema';
import { useCatalogStore } from '../stores/catalog';
import type { PortalDocStore } from '../stores/portal-doc';
import { blockName, fieldName } from './block-names';
import { allBlockIds, findBlock, listAt, listPath, withFreshIds, type ParentRef } from './blocks';
import { diffOps, type PatchOp, type PathSegment } from './patches';

/**
 * The editing verbs of the compose screen. Each builds operations against the document as it
 * is right now and applies them as one history step.
 */

export function insertBlock(
  doc: PortalDocStore,
  block: Block,
  parent: ParentRef,
  index: number,
  coalesceKey?: string,
): string | null {
  const portal = doc.portal;
  if (!portal) return null;
  const path = listPath(portal, parent);
  if (!path) return null;
  const fresh = withFreshIds(block, allBlockIds(portal));
  const at = Math.min(Math.max(index, 0), listAt(portal, parent).length);
  doc.apply(
    [{ op: 'add', path: [...path, at], value: fresh }],
    { key: 'addBlock', params: { id: fresh.id }, texts: { name: nameOf(fresh) } },
    { coalesceKey, coalesceWindowMs: Number.POSITIVE_INFINITY },
  );
  return fresh.id;
}

/** Moves a block to `index` of `parent` (the index as seen after taking it out). */
export function moveBlock(
  doc: PortalDocStore,
  blockId: string,
  parent: ParentRef,
  index: number,
  coalesceKey?: string,
): void {
  const portal = doc.portal;
  const from = portal && findBlock(portal, blockId);
  if (!portal || !from) return;
  // Dropping a container into itself or its own descendant would detach a subtree.
  if (parent.blockId && (parent.blockId === blockId || isInside(from.block, parent.blockId))) {
    return;
  }
  const ops: PatchOp[] = [{ op: 'remove', path: from.path }];
  // Paths of the target are computed after the removal, so indices are those the user sees.
  const probe = structuredCloneLite(portal);
  removeAt(probe, from.path);
  const to = listPath(probe, parent);
  if (!to) return;
  const at = Math.min(Math.max(index, 0), listAt(probe, parent).length);
  ops.push({ op: 'add', path: [...to, at], value: from.block });
  doc.apply(
    ops,
    { key: 'moveBlock', params: { id: blockId }, texts: { name: nameOf(from.block) } },
    { coalesceKey },
  );
}

export function removeBlock(doc: PortalDocStore, blockId: string, coalesceKey?: string): void {
  const hit = doc.portal && findBlock(doc.portal, blockId);
  if (!hit) return;
  doc.apply(
    [{ op: 'remove', path: hit.path }],
    { key: 'removeBlock', params: { id: blockId }, texts: { name: nameOf(hit.block) } },
    { coalesceKey, coalesceWindowMs: Number.POSITIVE_INFINITY },
  );
}

/** One config field of a plugin block (or a prop of a primitive) from the property panel. */
export function setBlockValues(
  doc: PortalDocStore,
  blockId: string,
  values: Record<string, unknown>,
): void {
  const hit = doc.portal && findBlock(doc.portal, blockId);
  if (!hit) return;
  const field = hit.block.kind === 'plugin' ? 'config' : 'props';
  const current = (hit.block as unknown as Record<string, unknown>)[field];
  const ops: PatchOp[] =
    current === undefined
      ? [{ op: 'add', path: [...hit.path, field], value: values }]
      : diffOps(current, values, [...hit.path, field]);
  if (ops.length === 0) return;
  // Keystrokes in one field merge into one step; another field starts a new one.
  const keys = [...new Set(ops.map((o) => String(o.path[hit.path.length + 1] ?? field)))];
  const changed = keys.join(',');
  const manifest = manifestOf(hit.block);
  const names = keys.map((k) => fieldName(hit.block, k, manifest));
  doc.apply(
    ops,
    {
      key: 'editBlock',
      params: { id: blockId, field: changed },
      texts: {
        name: nameOf(hit.block),
        field: {
          'zh-CN': names.map((n) => n['zh-CN']).join('、'),
          en: names.map((n) => n.en).join(', '),
        },
      },
    },
    { coalesceKey: `edit:${blockId}:${changed}` },
  );
}

/**
 * A plugin's config preset (a survey template) replaces the properties it sets, as one step
 * named by the template, never merged with the field edits around it.
 */
export function applyBlockPreset(doc: PortalDocStore, blockId: string, preset: ConfigPreset): void {
  const hit = doc.portal && findBlock(doc.portal, blockId);
  if (!hit || hit.block.kind !== 'plugin') return;
  const current = hit.block.config ?? {};
  const path = [...hit.path, 'config'];
  const ops: PatchOp[] =
    hit.block.config === undefined
      ? [{ op: 'add', path, value: applyPreset({}, preset) }]
      : diffOps(current, applyPreset(current, preset), path);
  if (ops.length === 0) return;
  doc.apply(ops, {
    key: 'applyPreset',
    params: { id: blockId, preset: preset.id },
    texts: { name: nameOf(hit.block), preset: preset.label },
  });
}

/** The code tab's verbs: the edited JSON replaces one block, one page or the whole portal. */
export function replaceBlock(doc: PortalDocStore, blockId: string, next: Block): void {
  const hit = doc.portal && findBlock(doc.portal, blockId);
  if (!hit) return;
  doc.apply(diffOps(hit.block, next, hit.path), { key: 'codeBlock', params: { id: blockId } });
}

export function replacePage(doc: PortalDocStore, pageId: string, next: Page): void {
  const pi = doc.portal?.pages.findIndex((p) => p.id === pageId) ?? -1;
  if (pi < 0 || !doc.portal) return;
  doc.apply(diffOps(doc.portal.pages[pi], next, ['pages', pi]), {
    key: 'codePage',
    params: { id: pageId },
  });
}

export function replacePortal(doc: PortalDocStore, next: Portal): void {
  if (!doc.portal) return;
  doc.apply(diffOps(doc.portal, next), { key: 'codePortal' });
}

export function setTheme(doc: PortalDocStore, theme: Theme, field: string): void {
  if (!doc.portal) return;
  doc.apply(
    diffOps(doc.portal.theme, theme, ['theme']),
    { key: 'editTheme', params: { field } },
    { coalesceKey: `theme:${field}` },
  );
}

export function setTabs(doc: PortalDocStore, tabs: Tab[], what: string): void {
  if (!doc.portal) return;
  doc.apply(
    diffOps(doc.portal.tabs, tabs, ['tabs']),
    { key: 'editTabs', params: { what } },
    { coalesceKey: `tabs:${what}` },
  );
}

export function addPage(doc: PortalDocStore, page: Page): void {
  if (!doc.portal) return;
  doc.apply([{ op: 'add', path: ['pages', doc.portal.pages.length], value: page }], {
    key: 'addPage',
    params: { id: page.id },
  });
}

function manifestOf(block: Block) {
  return block.kind === 'plugin' ? useCatalogStore().manifest(block.plugin) : undefined;
}

/** The block's name when the step is made: a removed block cannot be named later. */
function nameOf(block: Block): LocalizedText {
  return blockName(block, manifestOf(block));
}

function isInside(block: Block, id: string): boolean {
  if (block.kind !== 'primitive' || !block.children) return false;
  return block.children.some((c) => c.id === id || isInside(c, id));
}

// A cheap structural copy of only the containers along block lists, enough to compute paths.
function structuredCloneLite(portal: Portal): Portal {
  const copyBlocks = (blocks: Block[]): Block[] =>
    blocks.map((b) =>
      b.kind === 'primitive' && b.children ? { ...b, children: copyBlocks(b.children) } : b,
    );
  return { ...portal, pages: portal.pages.map((p) => ({ ...p, blocks: copyBlocks(p.blocks) })) };
}

function removeAt(portal: Portal, path: PathSegment[]): void {
  let node: unknown = portal;
  for (const seg of path.slice(0, -1)) node = (node as Record<string, unknown>)[seg as string];
  (node as unknown[]).splice(path[path.length - 1] as number, 1);
}

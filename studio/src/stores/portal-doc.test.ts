import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { PluginBlock } from '@scene/schema';
import { usePortalDocStore } from './portal-doc';
import {
  insertBlock,
  moveBlock,
  removeBlock,
  replacePage,
  setBlockValues,
} from '../editor/commands';
import { findBlock } from '../editor/blocks';
import { cloneJson } from '../editor/patches';
import { noticeBlock, samplePortal } from '../testing/portal-fixture';

beforeEach(() => setActivePinia(createPinia()));

function loaded() {
  const doc = usePortalDocStore();
  doc.load(samplePortal());
  return doc;
}
const ids = (doc: ReturnType<typeof loaded>, page = 0) =>
  doc.portal!.pages[page]!.blocks.map((b) => b.id);

describe('portal document history', () => {
  it('undoes and redoes every kind of step, in order', () => {
    const doc = loaded();
    const original = cloneJson(doc.portal);
    insertBlock(doc, noticeBlock('notices'), { pageId: 'home' }, 0);
    moveBlock(doc, 'hello', { pageId: 'home' }, 0);
    removeBlock(doc, 'box');
    const edited = cloneJson(doc.portal);
    expect(ids(doc)).toEqual(['hello', 'notices-2', 'notices']);
    expect(doc.past.map((s) => s.label.key)).toEqual(['addBlock', 'moveBlock', 'removeBlock']);

    while (doc.undo());
    expect(doc.portal).toEqual(original);
    while (doc.redo());
    expect(doc.portal).toEqual(edited);
  });

  it('keeps only the inverse operations, not copies of the portal, per step', () => {
    const doc = loaded();
    setBlockValues(doc, 'notices', { title: '新' });
    const step = doc.past[0]!;
    expect(step.ops).toEqual([
      { op: 'replace', path: ['pages', 0, 'blocks', 0, 'config', 'title'], value: '新' },
    ]);
    expect(step.inverse).toEqual([
      { op: 'replace', path: ['pages', 0, 'blocks', 0, 'config', 'title'], value: '社区公告' },
    ]);
  });

  it('merges keystrokes in one field into one step, but not across fields or after a pause', () => {
    vi.useFakeTimers();
    const doc = loaded();
    for (const title of ['社', '社区', '社区通知']) setBlockValues(doc, 'notices', { title });
    expect(doc.past).toHaveLength(1);
    setBlockValues(doc, 'notices', { title: '社区通知', barCount: 2 });
    expect(doc.past).toHaveLength(2);
    vi.advanceTimersByTime(5000);
    setBlockValues(doc, 'notices', { title: '社区通知', barCount: 3 });
    expect(doc.past).toHaveLength(3);
    doc.undo();
    doc.undo();
    doc.undo();
    expect((doc.portal!.pages[0]!.blocks[0] as PluginBlock).config).toEqual({ title: '社区公告' });
    vi.useRealTimers();
  });

  it('drops the redo branch when a new edit is made after undo', () => {
    const doc = loaded();
    removeBlock(doc, 'box');
    doc.undo();
    expect(doc.canRedo).toBe(true);
    setBlockValues(doc, 'notices', { title: 'x' });
    expect(doc.canRedo).toBe(false);
    expect(ids(doc)).toEqual(['notices', 'box']);
  });

  it('moves a block out of a container into the list above it and back', () => {
    const doc = loaded();
    moveBlock(doc, 'hello', { pageId: 'home' }, 0);
    expect(ids(doc)).toEqual(['hello', 'notices', 'box']);
    moveBlock(doc, 'hello', { pageId: 'home', blockId: 'box' }, 0);
    expect(findBlock(doc.portal!, 'hello')!.parent.blockId).toBe('box');
    doc.undo();
    expect(ids(doc)).toEqual(['hello', 'notices', 'box']);
  });

  it('refuses to drop a container into itself', () => {
    const doc = loaded();
    moveBlock(doc, 'box', { pageId: 'home', blockId: 'box' }, 0);
    expect(doc.past).toHaveLength(0);
  });

  it('groups the add and remove of one drag into one step', () => {
    const doc = loaded();
    removeBlock(doc, 'notices', 'drag:1');
    insertBlock(doc, noticeBlock('notices'), { pageId: 'me' }, 0, 'drag:1');
    expect(doc.past).toHaveLength(1);
    expect(ids(doc, 1)).toEqual(['notices']);
    doc.undo();
    expect(ids(doc)).toEqual(['notices', 'box']);
    expect(ids(doc, 1)).toEqual([]);
  });

  it('stores a whole-page JSON edit as the fields that changed', () => {
    const doc = loaded();
    const page = cloneJson(doc.portal!.pages[0]!);
    page.title.en = 'Start';
    replacePage(doc, 'home', page);
    expect(doc.past[0]!.ops).toEqual([
      { op: 'replace', path: ['pages', 0, 'title', 'en'], value: 'Start' },
    ]);
  });

  it('jumps to any point of the step list', () => {
    const doc = loaded();
    removeBlock(doc, 'box');
    removeBlock(doc, 'notices');
    doc.goTo(0);
    expect(ids(doc)).toEqual(['notices', 'box']);
    doc.goTo(2);
    expect(ids(doc)).toEqual([]);
    expect(doc.revision).toBeGreaterThan(4);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { nextTick } from 'vue';
import { setApi } from '../api';
import { removeBlock, setBlockValues } from '../editor/commands';
import { fakeApi, withDraftServer, type FakeDraftServer } from '../testing/fake-api';
import { samplePortal } from '../testing/portal-fixture';
import { AUTOSAVE_DELAY_MS, useDraftSyncStore } from './draft-sync';
import { usePortalDocStore } from './portal-doc';

let server: FakeDraftServer;
beforeEach(() => {
  vi.useFakeTimers();
  setActivePinia(createPinia());
  const api = fakeApi();
  server = withDraftServer(api, samplePortal());
  setApi(api);
});
afterEach(() => {
  vi.useRealTimers();
  setApi(null);
});

async function settle() {
  await nextTick();
  await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS + 10);
}

describe('draft autosave', () => {
  it('saves once after a pause in editing, with the latest content', async () => {
    const sync = useDraftSyncStore();
    const doc = usePortalDocStore();
    await sync.open('c1');
    expect(sync.status).toBe('saved');
    setBlockValues(doc, 'notices', { title: 'a' });
    setBlockValues(doc, 'notices', { title: 'ab' });
    await nextTick();
    expect(sync.status).toBe('dirty');
    await settle();
    expect(server.writes).toBe(1);
    expect(sync.status).toBe('saved');
    expect(server.portal.pages[0]!.blocks[0]).toMatchObject({ config: { title: 'ab' } });
  });

  it('stops on a conflict and never overwrites the other operator', async () => {
    const sync = useDraftSyncStore();
    const doc = usePortalDocStore();
    await sync.open('c1');
    server.otherOperatorSaves((p) => (p.theme.primaryColor = '#000000'));
    removeBlock(doc, 'box');
    await settle();
    expect(sync.status).toBe('conflict');
    expect(server.portal.theme.primaryColor).toBe('#000000');
    expect(server.portal.pages[0]!.blocks).toHaveLength(2);
    // More edits while in conflict do not try again behind the user's back.
    setBlockValues(doc, 'notices', { title: 'z' });
    await settle();
    expect(server.writes).toBe(0);
  });

  it('compares with the other draft, then keeps mine only when asked', async () => {
    const sync = useDraftSyncStore();
    const doc = usePortalDocStore();
    await sync.open('c1');
    server.otherOperatorSaves((p) => (p.theme.primaryColor = '#000000'));
    removeBlock(doc, 'box');
    await settle();
    const theirs = await sync.fetchTheirs();
    expect(theirs?.theme.primaryColor).toBe('#000000');
    await sync.keepMine();
    expect(sync.status).toBe('saved');
    expect(server.portal.pages[0]!.blocks).toHaveLength(1);
  });

  it('reload takes the server draft and forgets the local history', async () => {
    const sync = useDraftSyncStore();
    const doc = usePortalDocStore();
    await sync.open('c1');
    server.otherOperatorSaves((p) => (p.theme.primaryColor = '#000000'));
    removeBlock(doc, 'box');
    await settle();
    await sync.reload();
    expect(sync.status).toBe('saved');
    expect(doc.portal!.theme.primaryColor).toBe('#000000');
    expect(doc.canUndo).toBe(false);
  });

  it('keeps saving edits made while a save was in flight', async () => {
    const sync = useDraftSyncStore();
    const doc = usePortalDocStore();
    await sync.open('c1');
    setBlockValues(doc, 'notices', { title: 'one' });
    await nextTick();
    const first = sync.save();
    setBlockValues(doc, 'notices', { title: 'one', barCount: 2 });
    await first;
    await settle();
    expect(server.writes).toBe(2);
    expect(server.portal.pages[0]!.blocks[0]).toMatchObject({ config: { barCount: 2 } });
    expect(sync.status).toBe('saved');
  });
});

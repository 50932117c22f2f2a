import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { Portal } from '@scene/schema';
import { ApiError, DraftConflictError } from '@scene/client';
import { api } from '../api';
import { cloneJson } from '../editor/patches';
import { usePortalDocStore } from './portal-doc';

export type SaveStatus =
  | 'idle' // nothing loaded
  | 'loading'
  | 'saved' // the server holds what the editor shows
  | 'dirty' // a change waits for the debounce
  | 'saving'
  | 'conflict' // another operator saved first; autosave stops until the user decides
  | 'error'; // the last save failed for another reason; the next change retries

export interface ConflictState {
  /** The draft as the other operator left it, once fetched for comparison. */
  theirs: Portal | null;
  theirsEtag: string | null;
  updatedBy?: string;
}

export const AUTOSAVE_DELAY_MS = 800;

/**
 * Keeps the server's draft in step with the editor: loads it, saves changes after a pause with
 * If-Match, and on 412 stops and asks the operator instead of overwriting someone else's work.
 */
export const useDraftSyncStore = defineStore('draftSync', () => {
  const doc = usePortalDocStore();
  const communityId = ref<string | null>(null);
  const etag = ref<string | null>(null);
  const status = ref<SaveStatus>('idle');
  const lastError = ref<string | null>(null);
  const lastSavedAt = ref<number | null>(null);
  const conflict = ref<ConflictState | null>(null);
  /** The document revision the server is known to hold. */
  const savedRevision = ref(0);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<void> | null = null;

  watch(
    () => doc.revision,
    (rev) => {
      if (!communityId.value || rev === savedRevision.value) return;
      if (status.value === 'conflict' || status.value === 'loading') return;
      status.value = 'dirty';
      schedule();
    },
  );

  async function open(id: string): Promise<void> {
    cancelTimer();
    communityId.value = id;
    status.value = 'loading';
    conflict.value = null;
    lastError.value = null;
    try {
      const draft = await api().portals.draft(id);
      if (communityId.value !== id) return; // the user switched community meanwhile
      doc.load(draft.portal);
      etag.value = draft.etag;
      savedRevision.value = doc.revision;
      status.value = 'saved';
    } catch (err) {
      status.value = 'error';
      lastError.value = message(err);
      throw err;
    }
  }

  function schedule(): void {
    cancelTimer();
    timer = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
  }

  function cancelTimer(): void {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  /** Saves now if there is something to save; resolves when the server answered. */
  async function save(): Promise<void> {
    cancelTimer();
    if (inFlight) await inFlight;
    const id = communityId.value;
    if (!id || !doc.portal || !etag.value) return;
    if (status.value === 'conflict' || doc.revision === savedRevision.value) return;
    const sending = doc.revision;
    const body = cloneJson(doc.portal);
    status.value = 'saving';
    inFlight = (async () => {
      try {
        const saved = await api().portals.saveDraft(id, body, etag.value!);
        etag.value = saved.etag;
        savedRevision.value = sending;
        lastSavedAt.value = Date.now();
        lastError.value = null;
        status.value = doc.revision === sending ? 'saved' : 'dirty';
        if (status.value === 'dirty') schedule();
      } catch (err) {
        if (err instanceof DraftConflictError) {
          status.value = 'conflict';
          conflict.value = { theirs: null, theirsEtag: null };
        } else {
          status.value = 'error';
          lastError.value = message(err);
        }
      } finally {
        inFlight = null;
      }
    })();
    await inFlight;
  }

  /** Fetches the other operator's draft so the studio can show the differences. */
  async function fetchTheirs(): Promise<Portal | null> {
    if (!communityId.value || !conflict.value) return null;
    const draft = await api().portals.draft(communityId.value);
    conflict.value = {
      theirs: draft.portal,
      theirsEtag: draft.etag,
      updatedBy: draft.updatedBy,
    };
    return draft.portal;
  }

  /** Drops local changes and loads the server's draft (history starts again). */
  async function reload(): Promise<void> {
    if (communityId.value) await open(communityId.value);
  }

  /**
   * After comparing, the operator may deliberately keep their version: it is saved against
   * the etag of the draft they just looked at, so a third change still conflicts.
   */
  async function keepMine(): Promise<void> {
    const theirsEtag = conflict.value?.theirsEtag;
    if (!theirsEtag) return;
    etag.value = theirsEtag;
    conflict.value = null;
    status.value = 'dirty';
    savedRevision.value = -1;
    await save();
  }

  function close(): void {
    cancelTimer();
    communityId.value = null;
    etag.value = null;
    status.value = 'idle';
    conflict.value = null;
    doc.clear();
  }

  return {
    communityId,
    etag,
    status,
    lastError,
    lastSavedAt,
    conflict,
    savedRevision,
    open,
    save,
    fetchTheirs,
    reload,
    keepMine,
    close,
  };
});

function message(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return err instanceof Error ? err.message : String(err);
}

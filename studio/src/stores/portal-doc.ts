import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import type { LocalizedText, Portal } from '@scene/schema';
import { applyPatch, cloneJson, type PatchOp } from '../editor/patches';

/** What the step list shows: an i18n key under `steps.` and its parameters. */
export interface StepLabel {
  key: string;
  params?: Record<string, string | number>;
  /** Parameters in both languages (a block's name), shown in the reader's. */
  texts?: Record<string, LocalizedText>;
}

export interface HistoryStep {
  id: number;
  label: StepLabel;
  /** Forward operations, in order. */
  ops: PatchOp[];
  /** Operations that undo the step, in order. */
  inverse: PatchOp[];
  at: number;
  /** Steps sharing a key within the window merge: one keystroke is not one undo step. */
  coalesceKey?: string;
}

export interface ApplyOptions {
  coalesceKey?: string;
  /** How long after the previous step a same-key step still merges into it (ms). */
  coalesceWindowMs?: number;
}

const DEFAULT_COALESCE_MS = 1200;

/**
 * The portal being edited and its editing history. The canvas, the property panel, the code
 * tab and the phone preview all read `portal` from here, so they cannot disagree; every change
 * goes through `apply`, which records the operations and their inverses.
 */
export const usePortalDocStore = defineStore('portalDoc', () => {
  const portal = ref<Portal | null>(null);
  // Steps are plain data; deep reactivity on them would only cost time on large pastes.
  const past = shallowRef<HistoryStep[]>([]);
  const future = shallowRef<HistoryStep[]>([]);
  /** Bumps on every change of `portal` (edits, undo, redo, load); autosave watches it. */
  const revision = ref(0);
  let nextId = 1;

  const canUndo = computed(() => past.value.length > 0);
  const canRedo = computed(() => future.value.length > 0);

  function load(next: Portal): void {
    portal.value = cloneJson(next);
    past.value = [];
    future.value = [];
    revision.value++;
  }

  function clear(): void {
    portal.value = null;
    past.value = [];
    future.value = [];
  }

  /** Applies `ops` as one step (or merges them into the previous step, see ApplyOptions). */
  function apply(ops: PatchOp[], label: StepLabel, options: ApplyOptions = {}): void {
    if (!portal.value || ops.length === 0) return;
    const inverse = applyPatch(portal.value, ops);
    const now = Date.now();
    const last = past.value[past.value.length - 1];
    const window = options.coalesceWindowMs ?? DEFAULT_COALESCE_MS;
    if (
      options.coalesceKey &&
      last &&
      last.coalesceKey === options.coalesceKey &&
      future.value.length === 0 &&
      now - last.at <= window
    ) {
      const merged = markRaw({
        ...last,
        label,
        ops: [...last.ops, ...ops],
        inverse: [...inverse, ...last.inverse],
        at: now,
      });
      past.value = [...past.value.slice(0, -1), merged];
    } else {
      const step = markRaw({
        id: nextId++,
        label,
        ops: cloneJson(ops),
        inverse,
        at: now,
        coalesceKey: options.coalesceKey,
      });
      past.value = [...past.value, step];
    }
    future.value = [];
    revision.value++;
  }

  function undo(): boolean {
    const step = past.value[past.value.length - 1];
    if (!step || !portal.value) return false;
    applyPatch(portal.value, step.inverse);
    past.value = past.value.slice(0, -1);
    // A step undone and redone must not swallow the next keystroke.
    future.value = [{ ...step, coalesceKey: undefined }, ...future.value];
    revision.value++;
    return true;
  }

  function redo(): boolean {
    const step = future.value[0];
    if (!step || !portal.value) return false;
    applyPatch(portal.value, step.ops);
    future.value = future.value.slice(1);
    past.value = [...past.value, step];
    revision.value++;
    return true;
  }

  /** Moves through history until `stepsDone` steps are applied (the step list's click). */
  function goTo(stepsDone: number): void {
    while (past.value.length > stepsDone && undo());
    while (past.value.length < stepsDone && redo());
  }

  return { portal, past, future, revision, canUndo, canRedo, load, clear, apply, undo, redo, goTo };
});

export type PortalDocStore = ReturnType<typeof usePortalDocStore>;

import type { Workflow } from '@scene/schema';

/** One step of a record's way through its workflow, as the `steps` primitive draws it. */
export interface Step {
  state: string;
  /** When the record last reached this state (ISO), absent for steps not reached yet. */
  at?: string;
  status: 'done' | 'current' | 'upcoming';
  /** A state off the main path the record ended in (rejected, cancelled). */
  off?: boolean;
}

interface HistoryLike {
  to?: unknown;
  at?: unknown;
}

/**
 * The main path of a workflow when the view does not name one: from `initial`, each state's
 * first declared transition to a state not yet on the path (so a "reject" or "rework" declared
 * after the forward step stays off it).
 */
export function mainPath(wf: Workflow): string[] {
  const path = [wf.initial];
  for (let cur = wf.initial; path.length <= wf.states.length;) {
    const next = wf.transitions.find((t) => t.from.includes(cur) && !path.includes(t.to))?.to;
    if (!next) break;
    path.push(next);
    cur = next;
  }
  return path;
}

/**
 * The steps of one record: each state of `path` with the last time the record's history reached
 * it (the initial state at creation), the current state, and — when the record stands in a
 * state off the path — the steps it did reach followed by that state.
 */
export function stepsOf(
  wf: Workflow,
  record: Record<string, unknown>,
  path: string[] = mainPath(wf),
): Step[] {
  const current = typeof record[wf.field] === 'string' ? (record[wf.field] as string) : wf.initial;
  const history = Array.isArray(record.history) ? (record.history as HistoryLike[]) : [];
  const reachedAt = new Map<string, string>();
  if (typeof record.createdAt === 'string') reachedAt.set(wf.initial, record.createdAt);
  for (const h of history)
    if (typeof h?.to === 'string' && typeof h.at === 'string') reachedAt.set(h.to, h.at);
  const at = (state: string) => reachedAt.get(state);
  const i = path.indexOf(current);
  if (i >= 0)
    return path.map((state, k) => ({
      state,
      at: k <= i ? at(state) : undefined,
      status: k < i ? 'done' : k === i ? 'current' : 'upcoming',
    }));
  // Off the path: what was reached of it, then where it ended.
  const reached: Step[] = path
    .filter((s) => s === wf.initial || reachedAt.has(s))
    .map((state) => ({ state, at: at(state), status: 'done' }));
  return [...reached, { state: current, at: at(current), status: 'current', off: true }];
}

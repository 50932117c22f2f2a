import { ref, shallowRef } from 'vue';

/**
 * Bumped after every successful action, so figures elsewhere on the page that an action may
 * change (points balance, counts, charts) load again.
 */
export const actionRevision = ref(0);
import { failureText } from './failure';
import type { ActionResult, RuntimeUser } from './data-source';
import { withItem, type RenderScope } from './scope';
import { announce } from './announcer';
import type { MessageKey } from './messages';
import { actionOf, useRenderer } from './use-renderer';

function newKey(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Runs one plugin action for a primitive. While a run is pending a second one is refused,
 * and each attempt carries an idempotency key (kept across retries of the same input) so a
 * repeated submission is never recorded twice.
 */
/** Fixed input values of an action primitive (`values`, bindings already resolved). */
export function valuesOf(resolved: Record<string, unknown>): Record<string, unknown> {
  const v = resolved.values ?? resolved.input;
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : {};
}

/** The record an action primitive targets when its `recordId` prop names one. */
export function recordIdOf(resolved: Record<string, unknown>): string | undefined {
  const id = resolved.recordId;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

export function useAction(getScope: () => RenderScope) {
  const r = useRenderer();
  const pending = ref(false);
  const error = shallowRef<unknown>();
  const result = shallowRef<ActionResult>();
  let key = newKey();
  let lastInput = '';

  async function run(
    action: string,
    input?: Record<string, unknown>,
    recordId?: string,
    forAccountId?: string,
  ): Promise<ActionResult | undefined> {
    if (pending.value) return undefined;
    const scope = getScope();
    const inputKey = JSON.stringify([
      action,
      input ?? null,
      recordId ?? null,
      forAccountId ?? null,
    ]);
    if (inputKey !== lastInput) {
      key = newKey();
      lastInput = inputKey;
    }
    pending.value = true;
    error.value = undefined;
    try {
      const res = await r.source.run({
        plugin: scope.plugin?.id ?? '',
        action,
        input,
        recordId: recordId ?? recordOf(scope, action),
        idempotencyKey: key,
        forAccountId: forAccountId ?? ownerActedFor(scope, action, r.source.user),
      });
      result.value = res;
      lastInput = '';
      actionRevision.value++;
      announce(outcomeText(res, r.msg));
      scope.refresh?.();
      return res;
    } catch (err) {
      error.value = err;
      return undefined;
    } finally {
      pending.value = false;
    }
  }

  const errorText = () => failureText(error.value, r.source.locale);
  const pointsText = () => (result.value ? outcomeText(result.value, r.msg, '') : '');
  /** "Voted", "Signed"… and, when the action paid or spent points, how many. */
  const successText = (base: string) =>
    result.value?.waitlist
      ? outcomeText(result.value, r.msg)
      : [base, pointsText()].filter(Boolean).join(' · ');
  return { run, pending, error, result, errorText, pointsText, successText };
}

type Msg = (key: MessageKey, params?: Record<string, string | number>) => string;

/** What an action did, in words: a place in a waitlist, the points it earned or spent, else "done". */
function outcomeText(res: ActionResult, msg: Msg, fallback = msg('done')): string {
  if (res.waitlist) return msg('waitlisted', { n: res.waitlist.position });
  if (res.pointsSpent) return msg('pointsSpent', { n: res.pointsSpent });
  if (res.pointsAwarded) return msg('pointsEarned', { n: res.pointsAwarded });
  return fallback;
}

/**
 * On a family member's record (a list of "mine and my family's"), an action that allows acting
 * for someone runs for its owner, so the record's history says who did it for whom.
 */
function ownerActedFor(
  scope: RenderScope,
  action: string,
  user: RuntimeUser | null,
): string | undefined {
  const owner = scope.item?.createdBy;
  if (!actionOf(scope, action)?.onBehalf || typeof owner !== 'string' || owner === user?.id)
    return undefined;
  return user?.actsFor?.some((p) => p.id === owner) ? owner : undefined;
}

/**
 * The scope a `navigate` after an action is followed in: after a create, `item` is the new
 * record, so `{"view": "detail", "id": {"bind": "item._id"}}` lands on it.
 */
export function afterRun(scope: RenderScope, res: ActionResult): RenderScope {
  return res.record ? withItem(scope, res.record) : scope;
}

/** Transitions, updates and deletes apply to the scope's record; creates and redeems to none. */
function recordOf(scope: RenderScope, action: string): string | undefined {
  const type = actionOf(scope, action)?.type;
  if (type !== 'transition' && type !== 'update' && type !== 'delete') return undefined;
  return typeof scope.item?._id === 'string' ? scope.item._id : undefined;
}

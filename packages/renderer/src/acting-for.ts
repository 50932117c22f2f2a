import { evaluateFilter, localize, PEOPLE_LABELS, type ActionDef } from '@scene/schema';
import { computed, inject, ref, watch, type Ref } from 'vue';
import { actingForKey } from './context';
import type { ActsFor, DataSource } from './data-source';
import { message } from './messages';
import { moreMessages } from './more-messages';

/**
 * Whom an action is for, and whether that person may have it. An action that allows acting for
 * someone (`onBehalf`) offers the signed-in person and the family members who allowed them to
 * act for them; an action with an `eligible` rule is checked against the chosen person's
 * recorded attributes, and the plugin's reason is shown instead of the form when it fails. The
 * server checks both again on every call.
 */
export function useActingFor(source: DataSource, action: () => ActionDef | undefined) {
  /** The account chosen, '' for oneself: the page's one choice, which its figures follow. */
  const forWhom: Ref<string> = inject(actingForKey, null) ?? ref('');
  const onBehalf = computed(() => action()?.onBehalf === true);
  const people = computed<ActsFor[]>(() => (onBehalf.value ? (source.user?.actsFor ?? []) : []));
  watch(people, (list) => {
    if (onBehalf.value && forWhom.value && !list.some((p) => p.id === forWhom.value))
      forWhom.value = '';
  });
  /** The chosen family member, when this action may be done for them. */
  const chosen = computed(() => (onBehalf.value && forWhom.value) || undefined);
  const attributes = computed(
    () =>
      (chosen.value
        ? people.value.find((p) => p.id === chosen.value)?.attributes
        : source.user?.attributes) ?? {},
  );
  /** The plugin's reason when the chosen person is not eligible; '' when they are. */
  const ineligible = computed(() => {
    const a = action();
    if (!a?.eligible || !source.user) return '';
    if (evaluateFilter(a.eligible, { member: attributes.value })) return '';
    return (
      localize(a.eligibleMessage, source.locale) ||
      message(source.locale, 'notEligible', {}, moreMessages)
    );
  });
  const options = computed(() => [
    { id: '', label: message(source.locale, 'myself', {}, moreMessages) },
    ...people.value.map((p) => ({
      id: p.id,
      label: `${p.displayName}（${localize(PEOPLE_LABELS.relation[p.relation], source.locale)}）`,
    })),
  ]);
  return {
    forWhom,
    options,
    ineligible,
    /** For the request: the chosen family member, or none. */
    forAccountId: chosen,
  };
}

/**
 * The family member the page's forms act for, for a figure beside them (a capacity query's hours
 * left): undefined for oneself, or outside a view.
 */
export function useActedFor(): () => string | undefined {
  const chosen = inject(actingForKey, null);
  return () => chosen?.value || undefined;
}

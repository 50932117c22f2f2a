import { computed, ref, watch, type ComputedRef, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage } from 'element-plus';
import { useRoute, useRouter } from 'vue-router';
import type { DashboardPeriodKind, PeriodParams } from '@scene/client';
import { errorText } from '../ui/errors';
import { dayText, lastDay } from './format';

const KINDS: readonly DashboardPeriodKind[] = ['7d', '30d', '90d', 'month'];

/**
 * The chosen period, kept in the address (`?period=90d`, `?period=month&month=2026-10`) so a
 * dashboard can be linked to and the back button returns to the same figures. Without a month
 * in the address none is asked for: the server answers the current month in the community's
 * time zone (the browser's clock and zone are not the community's), and the dashboard then
 * shows that month as chosen.
 */
export function usePeriod(): {
  kind: Ref<DashboardPeriodKind>;
  month: Ref<string>;
  params: () => PeriodParams;
} {
  const route = useRoute();
  const router = useRouter();
  const q = String(route.query.period ?? '30d') as DashboardPeriodKind;
  const kind = ref<DashboardPeriodKind>(KINDS.includes(q) ? q : '30d');
  const month = ref(typeof route.query.month === 'string' ? route.query.month : '');
  watch([kind, month], () => {
    void router.replace({ query: { ...route.query, ...params() } });
  });
  function params(): PeriodParams {
    if (kind.value !== 'month') return { period: kind.value };
    return month.value ? { period: 'month', month: month.value } : { period: 'month' };
  }
  return { kind, month, params };
}

/**
 * A dashboard over the chosen period: loads `fetch(id, period)` whenever the id or the period
 * changes, says failures in the reader's words, and words the period's range.
 */
export function usePeriodDashboard<
  T extends { period: { kind: DashboardPeriodKind; from: string; to: string; today: string } },
>(
  id: () => string,
  fetch: (id: string, params: PeriodParams) => Promise<T>,
): {
  kind: Ref<DashboardPeriodKind>;
  month: Ref<string>;
  params: () => PeriodParams;
  data: Ref<T | null>;
  loading: Ref<boolean>;
  range: ComputedRef<string>;
  /** Today in the dashboard's zone (from the last answer), so no month ahead is offered. */
  today: ComputedRef<string | undefined>;
  /** Asks again for the same period. */
  reload: () => Promise<void>;
} {
  const { t, locale } = useI18n();
  const { kind, month, params } = usePeriod();
  const data = ref<T | null>(null) as Ref<T | null>;
  const loading = ref(true);
  async function load(): Promise<void> {
    loading.value = true;
    try {
      data.value = await fetch(id(), params());
      const p = data.value.period;
      // The server chose this month in the community's zone: show it as the one chosen.
      if (p.kind === 'month' && !month.value) month.value = p.from.slice(0, 7);
    } catch (err) {
      ElMessage.error(errorText(err, t));
    } finally {
      loading.value = false;
    }
  }
  watch(
    [id, kind, month],
    (_now, before) => {
      // Filling in the month the server answered for is no new question.
      const p = data.value?.period;
      if (
        before &&
        before[0] === id() &&
        p?.kind === 'month' &&
        before[2] === '' &&
        p.from.startsWith(month.value)
      )
        return;
      void load();
    },
    { immediate: true },
  );
  const range = computed(() =>
    data.value
      ? t('operations.period.range', {
          from: dayText(data.value.period.from, locale.value),
          to: dayText(lastDay(data.value.period.to), locale.value),
        })
      : '',
  );
  const today = computed(() => data.value?.period.today);
  return { kind, month, params, data, loading, range, today, reload: load };
}

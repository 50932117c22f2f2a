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
 * dashboard can be linked to and the back button returns to the same figures.
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
  const month = ref(
    typeof route.query.month === 'string'
      ? route.query.month
      : new Date().toISOString().slice(0, 7),
  );
  watch([kind, month], () => {
    void router.replace({ query: { ...route.query, ...params() } });
  });
  function params(): PeriodParams {
    return kind.value === 'month'
      ? { period: 'month', month: month.value }
      : { period: kind.value };
  }
  return { kind, month, params };
}

/**
 * A dashboard over the chosen period: loads `fetch(id, period)` whenever the id or the period
 * changes, says failures in the reader's words, and words the period's range.
 */
export function usePeriodDashboard<T extends { period: { from: string; to: string } }>(
  id: () => string,
  fetch: (id: string, params: PeriodParams) => Promise<T>,
): {
  kind: Ref<DashboardPeriodKind>;
  month: Ref<string>;
  params: () => PeriodParams;
  data: Ref<T | null>;
  loading: Ref<boolean>;
  range: ComputedRef<string>;
} {
  const { t, locale } = useI18n();
  const { kind, month, params } = usePeriod();
  const data = ref<T | null>(null) as Ref<T | null>;
  const loading = ref(true);
  async function load(): Promise<void> {
    loading.value = true;
    try {
      data.value = await fetch(id(), params());
    } catch (err) {
      ElMessage.error(errorText(err, t));
    } finally {
      loading.value = false;
    }
  }
  watch([id, kind, month], load, { immediate: true });
  const range = computed(() =>
    data.value
      ? t('operations.period.range', {
          from: dayText(data.value.period.from, locale.value),
          to: dayText(lastDay(data.value.period.to), locale.value),
        })
      : '',
  );
  return { kind, month, params, data, loading, range };
}

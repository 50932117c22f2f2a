import { ref, watch, type Ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import type { DashboardPeriodKind, PeriodParams } from '@scene/client';

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

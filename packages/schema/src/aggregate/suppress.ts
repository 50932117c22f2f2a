// Small-group suppression for community-wide figures (k-anonymity on counts).
import type { AggregatePeriod, AggregateRow } from './types';

const hidden = (row: AggregateRow): AggregateRow => ({
  ...(row.key ? { key: row.key } : {}),
  ...(row.bucket !== undefined ? { bucket: row.bucket } : {}),
  suppressed: true,
});

/**
 * Hides every figure of a group of fewer than `min` records. A total of no records at all stays
 * visible: zero is nobody, and a screen must tell a real zero from a hidden small group. When the total stays visible, the
 * hidden rows together must also count at least `min` records — otherwise the total minus the
 * visible rows would give a hidden row away — so more rows are hidden, smallest first, until
 * they do (or all are hidden).
 */
export function suppress(
  period: AggregatePeriod,
  min: number,
): Pick<AggregatePeriod, 'total' | 'rows'> {
  const total = period.total;
  if (total.suppressed || (total.count > 0 && total.count < min))
    return {
      total: { suppressed: true },
      ...(period.rows ? { rows: period.rows.map(hidden) } : {}),
    };
  if (!period.rows) return { total };
  const counts = period.rows.map((r) => (r.suppressed ? 0 : r.count));
  const hide = new Set<number>();
  counts.forEach((n, i) => n < min && hide.add(i));
  let hiddenCount = [...hide].reduce((s, i) => s + counts[i]!, 0);
  if (hide.size > 0 && hiddenCount < min) {
    const order = counts
      .map((n, i) => ({ n, i }))
      .filter(({ i }) => !hide.has(i))
      .sort((a, b) => a.n - b.n);
    for (const { n, i } of order) {
      if (hiddenCount >= min) break;
      hide.add(i);
      hiddenCount += n;
    }
  }
  return { total, rows: period.rows.map((r, i) => (hide.has(i) ? hidden(r) : r)) };
}

// Axis arithmetic shared by the bar and line charts.

/** A round upper bound for an axis (1, 2 or 5 times a power of ten), never 0. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * power).find((m) => m >= max) ?? 10 * power;
}

/** Which categories get an axis label: first, middle and last (all when there are few). */
export function labelledIndexes(count: number): number[] {
  if (count <= 4) return Array.from({ length: count }, (_, i) => i);
  return [...new Set([0, Math.floor((count - 1) / 2), count - 1])];
}

export const colour = (i: number) => `var(--sp-chart-${i % 6})`;

/** The plot area of the bar and line charts, in viewBox units. */
export const PLOT = { width: 320, height: 160, left: 40, right: 8, top: 8, bottom: 22 } as const;

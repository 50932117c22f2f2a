// A benchmark states each figure it measured here, besides printing it for a reader, so that
// `pnpm bench --check` can hold the figures against scripts/bench/budgets.ts (in the repo root).
import { appendFileSync } from 'node:fs';

export interface Figure {
  /** Stable name, matched by the budgets, e.g. `portal.initial-js-gzip-kb`. */
  name: string;
  value: number;
  unit: string;
}

/** Records one figure for the run started by scripts/bench.mjs (a no-op when run alone). */
export function reportFigure(name: string, value: number, unit: string): void {
  const file = process.env.BENCH_FIGURES_FILE;
  if (!file) return;
  appendFileSync(file, `${JSON.stringify({ name, value, unit } satisfies Figure)}\n`);
}

export interface Figure {
  /** Stable name, matched by the budgets, e.g. `portal.initial-js-gzip-kb`. */
  name: string;
  value: number;
  unit: string;
}
/** Records one figure for the run started by scripts/bench.mjs (a no-op when run alone). */
export declare function reportFigure(name: string, value: number, unit: string): void;

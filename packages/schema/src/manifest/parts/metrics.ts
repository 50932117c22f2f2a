// Operations metrics (`metrics`, manifestVersion 2): the aggregates a plugin declares as its
// figures for the operations dashboard. The meta-schema part and its types; the semantic checks
// in ../semantic/metrics.ts.
import type { LocalizedText } from '../types';
import type { Scene } from '../vocabulary';
import { SCENES } from '../vocabulary';

export const METRIC_CHARTS = ['line', 'bar', 'pie'] as const;
export type MetricChart = (typeof METRIC_CHARTS)[number];

export const METRIC_BETTER = ['higher', 'lower'] as const;
export type MetricBetter = (typeof METRIC_BETTER)[number];

export interface MetricDef {
  id: string;
  label: LocalizedText;
  /** An aggregate query of this plugin with a `bucket` and `scope: "community"`. */
  query: string;
  /** One of the query's measures. */
  measure: string;
  unit?: LocalizedText;
  chart: MetricChart;
  /** Whether a rising figure is good news (`higher`, e.g. meals served) or bad (`lower`, waiting time). */
  better: MetricBetter;
  /** The scene the figure counts for, when not the plugin's own. */
  scene?: Scene;
}

const lt = { $ref: '#/$defs/localizedText' };
const id = { $ref: '#/$defs/identifier' };

/** The meta-schema of the top-level `metrics` list. */
export const metricsSchema = {
  type: 'array',
  maxItems: 20,
  items: {
    type: 'object',
    properties: {
      id,
      label: lt,
      query: id,
      measure: id,
      unit: lt,
      chart: { enum: [...METRIC_CHARTS] },
      better: { enum: [...METRIC_BETTER] },
      scene: { enum: [...SCENES] },
    },
    required: ['id', 'label', 'query', 'measure', 'chart', 'better'],
    additionalProperties: false,
  },
} as const;

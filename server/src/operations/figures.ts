import {
  DEFAULT_MIN_GROUP_SIZE,
  type LocalizedText,
  type MetricDef,
  type QueryDef,
  type Scene,
} from '@scene/schema';
import type { InstalledPlugin } from '../data/records/types';

/**
 * `null`: hidden because it counts fewer records than the metric's `minGroupSize` (but some); a
 * period or day with no records at all reads 0, so a screen never shows a real zero as hidden.
 */
export type Figure = number | null;

/** How a declared metric is named and drawn: the same on dashboards and in roll-ups. */
export interface MetricHead {
  /** `<pluginId>/<metricId>`: the same metric across communities. */
  key: string;
  pluginId: string;
  pluginName: LocalizedText;
  metricId: string;
  scene: Scene;
  label: LocalizedText;
  unit: LocalizedText | null;
  chart: 'line' | 'bar' | 'pie';
  better: 'higher' | 'lower' | null;
  /** The smallest group shown: a hidden figure reads "fewer than this". */
  minGroupSize: number;
}

export function metricHead(plugin: InstalledPlugin, metric: MetricDef, q: QueryDef): MetricHead {
  return {
    key: `${plugin.pluginId}/${metric.id}`,
    pluginId: plugin.pluginId,
    pluginName: plugin.manifest.name,
    metricId: metric.id,
    scene: metric.scene ?? plugin.manifest.scene,
    label: metric.label,
    unit: metric.unit ?? null,
    chart: metric.chart ?? 'line',
    better: metric.better ?? null,
    minGroupSize: q.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE,
  };
}

/** One declared metric over a dashboard period: figures only, never a record. */
export interface MetricFigures extends MetricHead {
  /** `sum`: totals add up across communities; `mean`: an average, weighted by its records. */
  combine: 'sum' | 'mean';
  total: Figure;
  previous: Figure;
  /** Records behind `total` (weights a mean when rolled up); 0 when hidden. */
  records: number;
  /** One value per day of the period; a day nobody recorded in reads 0 (a mean reads null). */
  series: { day: string; value: Figure }[];
}

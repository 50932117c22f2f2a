import { exampleManifest } from './example';
import type { LocalizedText, PluginManifest } from './types';

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

/**
 * What `scene plugin init` writes: the example plugin in the current format (version 2), with a
 * schedule that reminds technicians of repairs nobody accepted within four hours, and the
 * repairs reported per day as an aggregate the operations dashboard shows as a metric.
 */
export function templateManifest(id = 'acme.repairs'): PluginManifest {
  const example = exampleManifest(id);
  return {
    ...example,
    manifestVersion: 2,
    queries: {
      ...example.queries,
      reportedPerDay: {
        collection: 'tickets',
        kind: 'aggregate',
        scope: 'community',
        roles: ['plugin:technician', 'operator'],
        measures: [{ id: 'reported', op: 'count', label: t('报修数', 'Repairs reported') }],
        bucket: { field: 'createdAt', unit: 'day' },
        range: { field: 'createdAt', default: { from: { var: 'startOfMonth' } }, maxDays: 400 },
      },
    },
    metrics: [
      {
        id: 'reported',
        label: t('每日报修', 'Repairs per day'),
        query: 'reportedPerDay',
        measure: 'reported',
        unit: t('件', 'repairs'),
        chart: 'line',
        better: 'lower',
      },
    ],
    schedules: {
      unaccepted: {
        label: t('报修超时提醒', 'Unaccepted repair reminder'),
        description: t(
          '报修提交 4 小时后仍未受理时，提醒维修人员。',
          'Reminds technicians of a repair nobody accepted within 4 hours.',
        ),
        enabledByDefault: true,
        after: { field: 'createdAt', offset: 'PT4H' },
        catchUp: 'PT12H',
        collection: 'tickets',
        where: { field: 'status', op: 'eq', value: 'submitted' },
        notify: [
          {
            to: { role: 'plugin:technician' },
            title: t('有报修超过 4 小时未受理', 'A repair has waited 4 hours'),
            view: 'queue',
          },
        ],
      },
    },
  };
}

import { exampleManifest } from './example';
import type { LocalizedText, PluginManifest } from './types';

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

/**
 * What `scene plugin init` writes: the example plugin in the current format (version 2), with a
 * schedule that reminds technicians of repairs nobody accepted within four hours.
 */
export function templateManifest(id = 'acme.repairs'): PluginManifest {
  return {
    ...exampleManifest(id),
    manifestVersion: 2,
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

import { component } from '../../http/components';
import { dateTime, itemsOf, obj } from '../../http/schemas';

const count = { type: 'integer', minimum: 0 };

/** One line of a schedule's run log. */
export const scheduleRun = component(
  'ScheduleRun',
  obj(
    {
      pluginId: { type: 'string' },
      schedule: { type: 'string' },
      /** `at`: one occurrence; `after`: one check of the records whose moment came. */
      kind: { enum: ['at', 'after'] },
      /** The occurrence (`at`) or when the records were checked (`after`). */
      occurrence: dateTime,
      /** `late`: the occurrence was older than the catch-up window when the server came back. */
      status: { enum: ['running', 'done', 'late'] },
      matched: count,
      acted: count,
      skipped: count,
      late: count,
      failed: count,
      startedAt: dateTime,
      finishedAt: dateTime,
    },
    [
      'pluginId',
      'schedule',
      'kind',
      'occurrence',
      'status',
      'matched',
      'acted',
      'skipped',
      'late',
      'failed',
      'startedAt',
    ],
  ),
);

export const scheduleRuns = itemsOf(scheduleRun);

import { component } from '../../http/components';
import { obj } from '../../http/schemas';

const count = { type: 'integer' };

export const retentionReport = component(
  'RetentionReport',
  obj(
    {
      /** Records purged, by collection. */
      records: { type: 'object', additionalProperties: count },
      uploads: count,
      revisions: count,
      /** Change-log claims of record writes older than a week. */
      changeClaims: count,
      idempotencyKeys: count,
      /** Schedule claims past the longest catch-up window, and run-log lines past a year. */
      scheduleClaims: count,
      scheduleRuns: count,
    },
    [
      'records',
      'uploads',
      'revisions',
      'changeClaims',
      'idempotencyKeys',
      'scheduleClaims',
      'scheduleRuns',
    ],
  ),
);

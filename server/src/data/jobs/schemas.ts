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
      idempotencyKeys: count,
    },
    ['records', 'uploads', 'revisions', 'idempotencyKeys'],
  ),
);

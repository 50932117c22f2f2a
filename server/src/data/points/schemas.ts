import { component } from '../../http/components';
import { arrayOf, dateTime, localizedText, nullable, obj } from '../../http/schemas';

export const pointsEntry = component(
  'PointsEntry',
  obj(
    {
      id: { type: 'string' },
      accountId: { type: 'string' },
      /** Per account and community, increasing: the history's order and cursor. */
      seq: { type: 'integer' },
      delta: { type: 'integer' },
      balanceAfter: { type: 'integer' },
      kind: { enum: ['earn', 'spend', 'refund'] },
      pluginId: { type: 'string' },
      action: { type: 'string' },
      recordId: nullable({ type: 'string' }),
      reason: nullable(localizedText),
      createdAt: dateTime,
    },
    [
      'id',
      'accountId',
      'seq',
      'delta',
      'balanceAfter',
      'kind',
      'pluginId',
      'action',
      'recordId',
      'reason',
      'createdAt',
    ],
  ),
);

export const pointsPage = component(
  'PointsPage',
  obj(
    {
      balance: { type: 'integer' },
      entries: arrayOf(pointsEntry),
      nextCursor: nullable({ type: 'string' }),
    },
    ['balance', 'entries', 'nextCursor'],
  ),
);

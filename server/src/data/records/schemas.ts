import { component } from '../../http/components';
import { arrayOf, nullable, obj } from '../../http/schemas';
import { aggregateAnswer } from '../aggregates/schemas';

/**
 * A record as a client sees it: `id` plus the fields its plugin declares (masked where personal
 * and not the caller's to see) and the public system fields.
 */
export const recordView = component('RecordView', {
  type: 'object',
  properties: {
    id: { type: 'string' },
    createdBy: { type: 'string' },
    /** Who created it for `createdBy` (a family member acting for them), when not themselves. */
    actedBy: { type: 'string' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    state: { type: 'string' },
  },
  required: ['id'],
  // The plugin declares the other fields.
  additionalProperties: true,
});

/** The answer of a plugin action. */
export const actionResult = component(
  'ActionResult',
  obj(
    {
      /** The record after the action; null after a delete. */
      record: nullable(recordView),
      pointsAwarded: { type: 'integer' },
      pointsSpent: { type: 'integer' },
      /** The id of a deleted record. */
      deleted: { type: 'string' },
      /** The create was full and joined the waitlist: its place in line (1 = next). */
      waitlist: obj({ position: { type: 'integer', minimum: 1 } }, ['position']),
      /** A create with `repeat`: the series made (`record` is its first). */
      series: obj({ id: { type: 'string' }, count: { type: 'integer' } }, ['id', 'count']),
    },
    ['record'],
  ),
);

export const capacitySlot = component(
  'CapacitySlot',
  obj(
    {
      /** The rule's key values; a partial key gives the limit of keys nothing is booked for. */
      key: { type: 'object' },
      used: { type: 'integer' },
      limit: { type: 'integer' },
      left: { type: 'integer' },
      /** How many wait in line for this key (rules with a waitlist). */
      waiting: { type: 'integer' },
    },
    ['key', 'used', 'limit', 'left'],
  ),
);

const kind = (k: string) => ({ const: k });

/** The answer of a declared query, by the query's kind. */
export const queryAnswer = component('QueryAnswer', {
  oneOf: [
    obj(
      { kind: kind('list'), items: arrayOf(recordView), nextCursor: nullable({ type: 'string' }) },
      ['kind', 'items', 'nextCursor'],
    ),
    obj({ kind: kind('record'), item: recordView }, ['kind', 'item']),
    obj({ kind: kind('count'), count: { type: 'integer' } }, ['kind', 'count']),
    obj(
      {
        kind: kind('group'),
        groups: arrayOf(obj({ value: {}, count: { type: 'integer' } }, ['value', 'count'])),
      },
      ['kind', 'groups'],
    ),
    obj({ kind: kind('capacity'), slots: arrayOf(capacitySlot) }, ['kind', 'slots']),
    aggregateAnswer,
  ],
});

import { component } from '../../http/components';
import { arrayOf, dateTime, obj } from '../../http/schemas';
import type { JsonSchema } from '../../http/validation';

const count: JsonSchema = { type: 'integer', minimum: 0 };
/** Measure id → value; null when there was nothing to measure (an average of no values). */
const values: JsonSchema = {
  type: 'object',
  additionalProperties: { anyOf: [{ type: 'number' }, { type: 'null' }] },
};

/** Figures, or `suppressed: true` without them (a community-wide group below the minimum). */
const figures = (extra: Record<string, JsonSchema>): JsonSchema => ({
  type: 'object',
  properties: { ...extra, count, values, suppressed: { type: 'boolean' } },
  additionalProperties: false,
});

export const aggregateRow = component(
  'AggregateRow',
  figures({
    /** The `groupBy` values of this row. */
    key: { type: 'object' },
    /** `YYYY-MM-DD` (a day, or a week's Monday) or `YYYY-MM`, in the community's time zone. */
    bucket: { type: 'string' },
  }),
);

const period = {
  from: dateTime,
  to: dateTime,
  total: figures({}),
  rows: arrayOf(aggregateRow),
  truncated: { type: 'boolean' },
};

export const aggregatePeriod = component('AggregatePeriod', obj(period, ['from', 'to', 'total']));

/** The answer of a `kind: "aggregate"` query (and of a declared metric). */
export const aggregateAnswer = component(
  'AggregateAnswer',
  obj({ kind: { const: 'aggregate' }, ...period, previous: aggregatePeriod }, [
    'kind',
    'from',
    'to',
    'total',
  ]),
);

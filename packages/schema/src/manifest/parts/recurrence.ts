// manifestVersion 2: a create action may expand one input into a bounded series of records
// (weekly classes, monthly events). The meta-schema part and its type.

/** The most records one series may hold, whatever the rule says. */
export const MAX_SERIES = 52;

/**
 * `"repeat": {"rule": "recurrence", "dateField": "date", "max": 26}`: the input field `rule`
 * holds an RRULE (`FREQ=DAILY|WEEKLY|MONTHLY;INTERVAL=…;COUNT=…|UNTIL=…;BYDAY=…`); one record
 * is created per date from `dateField` on, never more than `max`, all sharing a `seriesId`.
 */
export interface RepeatDef {
  rule: string;
  dateField: string;
  max: number;
}

const fieldName = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' };

/** The `repeat` property of a create action in the manifest meta-schema. */
export const repeatProperty = {
  type: 'object',
  properties: {
    rule: fieldName,
    dateField: fieldName,
    max: { type: 'integer', minimum: 1, maximum: MAX_SERIES },
  },
  required: ['rule', 'dateField', 'max'],
  additionalProperties: false,
};

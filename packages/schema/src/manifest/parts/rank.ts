// manifestVersion 2: a community-wide aggregate ranked by person — a leaderboard. Community
// figures never group by a person; a ranking may, but only over people who opted in (their own
// record in another collection says so), and it names them as that record's privacy lets the
// reader see its name, never by id.

/**
 * `"rank": {"person": "createdBy", "top": 10, "optIn": {"collection": "volunteers", "field":
 * "onBoard"}, "name": "displayName"}`.
 */
export interface RankDef {
  /** Whom each record counts for: `createdBy` or a string field with `x-ref: "user"`. */
  person: string;
  /** At most this many people, highest first by the first measure (1–100). */
  top: number;
  /** The person's own record (`createdBy`) in `collection` whose boolean `field` is true. */
  optIn: { collection: string; field: string };
  /** The field of that record naming the person, masked or in clear as its privacy says. */
  name: string;
}

const fieldName = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' };

/** The `rank` property of an aggregate query in the manifest meta-schema. */
export const rankProperty = {
  type: 'object',
  properties: {
    person: fieldName,
    top: { type: 'integer', minimum: 1, maximum: 100 },
    optIn: {
      type: 'object',
      properties: { collection: fieldName, field: fieldName },
      required: ['collection', 'field'],
      additionalProperties: false,
    },
    name: fieldName,
  },
  required: ['person', 'top', 'optIn', 'name'],
  additionalProperties: false,
} as const;

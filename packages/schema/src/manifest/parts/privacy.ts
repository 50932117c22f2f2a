// A collection's `privacy` declaration (issue 13): who needs which personal field in clear, and
// who may ask for one record unmasked. Its meta-schema part and its types live together here;
// the meta-schema and `CollectionDef` refer to them by one line each.
import type { Filter } from '../../filter/types';
import { PATTERNS } from '../defs';
import type { RoleRef } from '../vocabulary';

/**
 * Callers holding one of `roles` see `fields` in clear on the records matching `where` (every
 * readable record when absent), e.g. the technician sees the phone of tickets assigned to them.
 */
export interface ClearRule {
  /** `x-pii` fields of the collection schema; a field also covers the personal fields below it. */
  fields: string[];
  roles: RoleRef[];
  /** Evaluated on each record with the caller's variables (`user.id`, `now`, `config.…`). */
  where?: Filter;
}

/**
 * Personal data on a need-to-know basis. A record's own person always sees their data; `clear`
 * names who else needs which field; everyone else gets the mask. `unmask` names the roles that
 * may ask for one record in clear, with a reason, audited.
 */
export interface PrivacyDef {
  clear?: ClearRule[];
  unmask?: RoleRef[];
  /**
   * A top-level `x-ref: "user"` field naming whom each record is about when someone else writes
   * it (the elder a grid worker enrols). That person's copy of their data includes these
   * records, and erasing their data erases these records as if they had written them.
   */
  subject?: string;
}

const closed = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

/** The `privacy` definition for the manifest meta-schema's `$defs`. */
export const privacyDef = closed({
  clear: {
    type: 'array',
    minItems: 1,
    maxItems: 20,
    items: closed(
      {
        fields: {
          type: 'array',
          minItems: 1,
          maxItems: 30,
          uniqueItems: true,
          items: { type: 'string', pattern: PATTERNS.fieldPath },
        },
        roles: { $ref: '#/$defs/roleList' },
        where: { $ref: '#/$defs/filter' },
      },
      ['fields', 'roles'],
    ),
  },
  unmask: { $ref: '#/$defs/roleList' },
  subject: { type: 'string', pattern: PATTERNS.fieldName },
});

// manifestVersion 2: "answer once" on create actions (surveys, sign-ups, ballots without a unique
// index over the person). The meta-schema part and its type.
import type { Filter } from '../../filter/types';
import type { Binding, LocalizedText } from '../types';

/**
 * `"once": {"anonymous": {"bind": "config.anonymous"}, "message": {…}}`: each person creates at
 * most one record with this action per parent record (the action's `parent`, else per
 * installation). The server claims a keyed one-way hash of parent and person before it writes,
 * so the rule holds under concurrent requests and never needs the record to name the person.
 * With `anonymous` (a boolean, or a boolean config value) the record stores no author, no
 * family member who acted, no id that encodes a time, and no time finer than the local day.
 */
export interface OnceDef {
  anonymous?: boolean | Binding;
  /** A record field (after `set`) whose value also keys the claim, e.g. a survey's round. */
  per?: string;
  /** Shown on a second attempt; a platform message otherwise. */
  message?: LocalizedText;
  /**
   * Visitors (people without a membership in the community, signed in or not) may run the
   * action too: `true`, or a filter over `config` the operator's choice decides (`{"field":
   * "config.audience", "op": "eq", "value": "everyone"}`). A visitor has no identity: their one
   * answer is keyed by a random id in a signed cookie of their browser, so it is one answer per
   * browser, not per person.
   */
  visitors?: boolean | Filter;
}

/** The `once` property of a create action in the manifest meta-schema. */
export const onceProperty = {
  type: 'object',
  properties: {
    anonymous: {
      type: ['boolean', 'object'],
      properties: {
        bind: { type: 'string', pattern: '^config(?:\\.[A-Za-z_][A-Za-z0-9_]*){1,5}$' },
      },
      required: ['bind'],
      additionalProperties: false,
    },
    message: { $ref: '#/$defs/localizedText' },
    visitors: { anyOf: [{ type: 'boolean' }, { $ref: '#/$defs/filter' }] },
    per: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' },
  },
  additionalProperties: false,
};

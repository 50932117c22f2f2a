// Places, waitlists and people (design §4): the manifest parts for waitlists on capacity rules,
// acting for a family member, eligibility from member attributes, assignment to a role holder
// and notifications to family. The meta-schema and the TS types reference these; the checks
// are in ../semantic/people.ts.
import type { Filter } from '../../filter/types';
import type { LocalizedText, Notify } from '../types';
import type { RoleRef } from '../vocabulary';
import { PATTERNS } from '../defs';

const ref = (name: string) => ({ $ref: `#/$defs/${name}` });
const fieldPath = { type: 'string', pattern: PATTERNS.fieldPath };

// --- TypeScript -------------------------------------------------------------------------------

/**
 * On a capacity rule: when the rule is full, a create is accepted in workflow state `state`
 * (holding no place) in arrival order; while anyone waits for a key, new creates join the line
 * too. When a place of that key frees, the first in line moves to `promoteTo` (exactly once)
 * and `notify` is sent about the promoted record.
 */
export interface Waitlist {
  state: string;
  promoteTo: string;
  notify?: Notify[];
}

/** Parts an action may add about people. */
export interface PeopleActionFields {
  /**
   * The caller may run the action for a linked family member who allowed them to act
   * (`forAccountId` in the request). The action then runs as that person: their roles, their
   * `user.id`; the record's `createdBy` is them and `actedBy` the caller.
   */
  onBehalf?: boolean;
  /** A filter over `member.*` (the attributes the operator recorded); others are refused. */
  eligible?: Filter;
  /** Why others are refused (required with `eligible`). */
  eligibleMessage?: LocalizedText;
}

/**
 * On a transition: the input field `field` carries the account id of the person the record is
 * assigned to, who must hold `role` in the community (checked by the server).
 */
export interface Assign {
  field: string;
  role: RoleRef;
}

/**
 * Notify the family of a person: those linked to them who allowed receiving their notices.
 * `owner` = the record's creator, `actor` = who ran the action, else a field holding account ids.
 */
export interface FamilyOfTarget {
  familyOf: string;
}

// --- meta-schema ------------------------------------------------------------------------------

export const waitlistSchema = {
  type: 'object',
  properties: {
    state: ref('identifier'),
    promoteTo: ref('identifier'),
    notify: { type: 'array', maxItems: 10, items: ref('notify') },
  },
  required: ['state', 'promoteTo'],
  additionalProperties: false,
};

export const peopleActionProperties = {
  onBehalf: { type: 'boolean' },
  eligible: ref('filter'),
  eligibleMessage: ref('localizedText'),
};

export const assignProperties = {
  assign: {
    type: 'object',
    properties: { field: { type: 'string', pattern: PATTERNS.fieldName }, role: ref('roleRef') },
    required: ['field', 'role'],
    additionalProperties: false,
  },
};

export const familyOfTargetProperties = { familyOf: fieldPath };

/**
 * The workflow moves a waitlist makes besides the declared transitions (waiting → promoted), so
 * reachability checks count waiting states as entry points and promotion as a way out.
 */
export function waitlistEdges(c: { capacity?: { waitlist?: Waitlist }[] }): [string, string][] {
  return (c.capacity ?? []).flatMap((r) =>
    r.waitlist ? [[r.waitlist.state, r.waitlist.promoteTo] as [string, string]] : [],
  );
}

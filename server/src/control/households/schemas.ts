import { FAMILY_RELATIONS } from '@scene/schema';
import { component } from '../../http/components';
import { arrayOf, dateTime, obj, s } from '../../http/schemas';
import { memberAttributes } from '../communities/schemas';

export const relation = { enum: [...FAMILY_RELATIONS] };
/** A relation as one side sees it: a carer's person sees `caredFor`. */
const seenRelation = { enum: [...FAMILY_RELATIONS, 'caredFor'] };

/** What one person of a link allows the other. */
export const familyGrant = component(
  'FamilyGrant',
  obj({ act: { type: 'boolean' }, notify: { type: 'boolean' } }, ['act', 'notify']),
);

const person = obj({ accountId: { type: 'string' }, displayName: { type: 'string' } }, [
  'accountId',
  'displayName',
]);

export const familyLink = component(
  'FamilyLink',
  obj(
    {
      id: { type: 'string' },
      other: person,
      relation: seenRelation,
      mine: familyGrant,
      theirs: familyGrant,
      consent: { enum: ['accepted', 'paper'] },
      since: dateTime,
    },
    ['id', 'other', 'relation', 'mine', 'theirs', 'consent', 'since'],
  ),
);

export const familyInvitation = component(
  'FamilyInvitation',
  obj({ code: { type: 'string' }, relation, expiresAt: dateTime }, [
    'code',
    'relation',
    'expiresAt',
  ]),
);

const sidedPerson = obj(
  { accountId: { type: 'string' }, displayName: { type: 'string' }, grants: familyGrant },
  ['accountId', 'displayName', 'grants'],
);

export const operatorFamilyLink = component(
  'OperatorFamilyLink',
  obj(
    {
      id: { type: 'string' },
      a: sidedPerson,
      b: sidedPerson,
      relation,
      consent: obj(
        { kind: { enum: ['accepted', 'paper'] }, note: { type: 'string' }, at: dateTime },
        ['kind', 'at'],
      ),
      since: dateTime,
    },
    ['id', 'a', 'b', 'relation', 'consent', 'since'],
  ),
);

export const meInCommunity = component(
  'MeInCommunity',
  obj(
    {
      accountId: { type: 'string' },
      displayName: { type: 'string' },
      attributes: memberAttributes,
      actsFor: arrayOf(
        obj(
          {
            accountId: { type: 'string' },
            displayName: { type: 'string' },
            relation: seenRelation,
            attributes: memberAttributes,
          },
          ['accountId', 'displayName', 'relation', 'attributes'],
        ),
      ),
    },
    ['accountId', 'displayName', 'attributes', 'actsFor'],
  ),
);

/** A one-time code as typed: letters and digits, dashes and spaces ignored. */
export const familyCode = { type: 'string', pattern: '^[A-Za-z0-9 -]{8,12}$' };
export const consentNote = s.str(200);

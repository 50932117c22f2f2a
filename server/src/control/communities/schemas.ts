import { AGE_BANDS, HOUSEHOLD_ROLES, MEMBER_LIMITS, SCENES } from '@scene/schema';
import { component } from '../../http/components';
import { dateTime, nullable, obj, s } from '../../http/schemas';

const color = { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' };

/** The theme a new portal draft of a community starts from (also the request schema). */
export const themeSchema = component(
  'ThemeDefaults',
  obj(
    {
      primaryColor: color,
      accentColor: color,
      fontScale: { enum: ['normal', 'large'] },
      culture: obj({ title: s.localized, text: s.localized }, ['title', 'text']),
    },
    ['primaryColor'],
  ),
);

export const communityType = { enum: ['new-build', 'renovation'] };
/** An IANA time zone name (checked against the tz database by the service). */
export const timeZone = { type: 'string', minLength: 1, maxLength: 64, example: 'Asia/Shanghai' };
export const scenes = {
  type: 'array',
  maxItems: SCENES.length,
  uniqueItems: true,
  items: { enum: [...SCENES] },
};

export const community = component(
  'Community',
  obj(
    {
      id: { type: 'string' },
      name: { type: 'string' },
      city: { type: 'string' },
      district: { type: 'string' },
      type: communityType,
      enabledScenes: scenes,
      theme: themeSchema,
      timeZone: timeZone,
      status: { enum: ['active', 'archived'] },
      /** The live portal version; null until the first publish. */
      publishedVersion: nullable({ type: 'integer' }),
      publishedAt: dateTime,
      createdAt: dateTime,
      updatedAt: dateTime,
    },
    [
      'id',
      'name',
      'city',
      'district',
      'type',
      'enabledScenes',
      'theme',
      'timeZone',
      'status',
      'publishedVersion',
      'createdAt',
      'updatedAt',
    ],
  ),
);

export const invitationRole = { enum: ['resident', 'staff'] };

const invitationFields = {
  id: { type: 'string' },
  communityId: { type: 'string' },
  role: invitationRole,
  pluginRoles: { type: 'array', items: { type: 'string' } },
  label: { type: 'string' },
  maxUses: { type: 'integer' },
  uses: { type: 'integer' },
  expiresAt: dateTime,
  revoked: { type: 'boolean' },
  createdAt: dateTime,
};
const invitationRequired = [
  'id',
  'communityId',
  'role',
  'pluginRoles',
  'maxUses',
  'uses',
  'expiresAt',
  'revoked',
  'createdAt',
];

export const invitation = component('Invitation', obj(invitationFields, invitationRequired));

/** A new invitation with its code, shown in this answer only. */
export const newInvitation = component(
  'NewInvitation',
  obj({ ...invitationFields, code: { type: 'string' } }, [...invitationRequired, 'code']),
);

export const memberRole = { enum: ['operator', 'staff', 'resident'] };

/** What an operator records of a member: minimal data (an age band, never a birth date). */
export const memberAttributes = component(
  'MemberAttributes',
  obj({
    ageBand: { enum: [...AGE_BANDS] },
    building: s.str(MEMBER_LIMITS.placeLength),
    unit: s.str(MEMBER_LIMITS.placeLength),
    householdRole: { enum: [...HOUSEHOLD_ROLES] },
    tags: {
      type: 'array',
      maxItems: MEMBER_LIMITS.maxTags,
      uniqueItems: true,
      items: s.str(MEMBER_LIMITS.tagLength),
    },
  }),
);
/** Plugin-role grants, each `plugin:<pluginId>/<roleId>`. */
export const pluginRoleGrants = {
  type: 'array',
  maxItems: 50,
  uniqueItems: true,
  items: {
    type: 'string',
    pattern: '^plugin:[a-z][a-z0-9-]{0,29}\\.[a-z][a-z0-9-]{0,39}/[a-z][a-zA-Z0-9_]{0,39}$',
  },
};

export const member = component(
  'Member',
  obj(
    {
      accountId: { type: 'string' },
      username: { type: 'string' },
      displayName: { type: 'string' },
      role: memberRole,
      pluginRoles: { type: 'array', items: { type: 'string' } },
      attributes: memberAttributes,
      since: dateTime,
    },
    ['accountId', 'username', 'displayName', 'role', 'pluginRoles', 'attributes', 'since'],
  ),
);

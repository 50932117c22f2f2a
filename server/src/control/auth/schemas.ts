import { component } from '../../http/components';
import { dateTime, obj } from '../../http/schemas';
import { TOKEN_SCOPES } from './model';

const roles = { type: 'array', items: { enum: ['admin', 'vendor'] } };

export const account = component(
  'Account',
  obj(
    {
      id: { type: 'string' },
      username: { type: 'string' },
      displayName: { type: 'string' },
      platformRoles: roles,
      vendorId: { type: 'string' },
      disabled: { type: 'boolean' },
      createdAt: dateTime,
    },
    ['id', 'username', 'displayName', 'platformRoles', 'disabled', 'createdAt'],
  ),
);

export const membership = component(
  'Membership',
  obj(
    {
      communityId: { type: 'string' },
      communityName: { type: 'string' },
      role: { enum: ['operator', 'staff', 'resident'] },
      pluginRoles: { type: 'array', items: { type: 'string' } },
    },
    ['communityId', 'role', 'pluginRoles'],
  ),
);

export const me = component(
  'Me',
  obj(
    {
      account,
      memberships: { type: 'array', items: membership },
      /** The region node the account supervises (read-only figures), when it is a supervisor. */
      supervises: { type: 'string' },
    },
    ['account', 'memberships'],
  ),
);

export const loggedIn = component(
  'LoggedIn',
  obj({ account, expiresAt: dateTime }, ['account', 'expiresAt']),
);

export const registered = component(
  'Registered',
  obj({ account, communityId: { type: 'string' } }, ['account', 'communityId']),
);

export const tokenScopes = {
  type: 'array',
  maxItems: TOKEN_SCOPES.length,
  uniqueItems: true,
  items: { enum: [...TOKEN_SCOPES] },
};

const tokenFields = {
  id: { type: 'string' },
  name: { type: 'string' },
  scopes: tokenScopes,
  /** The first characters of the token, to tell tokens apart. */
  prefix: { type: 'string' },
  createdAt: dateTime,
  expiresAt: dateTime,
  lastUsedAt: dateTime,
  revokedAt: dateTime,
};
const tokenRequired = ['id', 'name', 'prefix', 'scopes', 'createdAt'];

export const apiToken = component('ApiToken', obj(tokenFields, tokenRequired));

/** A new token with its value, shown in this answer only. */
export const newApiToken = component(
  'NewApiToken',
  obj({ ...tokenFields, token: { type: 'string' } }, [...tokenRequired, 'token']),
);

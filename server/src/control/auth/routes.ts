import type { Config } from '../../config';
import { auth, defineRoute, type AnyRoute } from '../../http/route';
import { empty, failure, json } from '../../http/responses';
import { itemsOf, obj, s } from '../../http/schemas';
import {
  account,
  apiToken,
  loggedIn,
  me,
  membership,
  newApiToken,
  registered,
  tokenScopes,
} from './schemas';
import { TOKEN_SCOPES, type PlatformAccountRole, type TokenScope } from './model';
import { clearSessionCookie, readCookie, SESSION_COOKIE, setSessionCookie } from './caller';
import type { Actor } from './actor';
import type { JoinService } from './joining';
import type { AuthService } from './service';
import { sourceAddress } from './throttle';
import { MAX_TOKEN_DAYS, type ApiTokens } from './tokens';

const platformRoles = {
  type: 'array',
  maxItems: 2,
  uniqueItems: true,
  items: { enum: ['admin', 'vendor'] },
};
const vendorId = { type: 'string', pattern: '^[a-z][a-z0-9-]{0,29}$' };

const weakPassword = failure(
  'The password is too weak or common (`weak_password`, reasons in both languages)',
);

export function authRoutes(
  service: AuthService,
  tokens: ApiTokens,
  join: JoinService,
  config: Pick<Config, 'mode'>,
  /** The region node an account supervises (regions module), told to the studio with `me`. */
  supervises: (actor: Actor) => Promise<string | null> = async () => null,
): AnyRoute[] {
  return [
    defineRoute<{ body: { username: string; password: string } }>()({
      method: 'post',
      path: '/api/v1/auth/login',
      summary: 'Log in with username and password; sets the session cookie',
      tags: ['auth'],
      auth: auth.public,
      responses: {
        200: json(loggedIn, 'Logged in; the session cookie is set'),
        401: failure('Wrong username or password (`invalid_credentials`)'),
      },
      throttled: true,
      body: obj({ username: s.str(64), password: s.str(200) }, ['username', 'password']),
      handler: async ({ body, req, res }) => {
        const { token, expiresAt, account } = await service.login(
          body.username,
          body.password,
          sourceAddress(req.ip),
        );
        setSessionCookie(res, config, token, expiresAt);
        return { account, expiresAt: expiresAt.toISOString() };
      },
    }),
    defineRoute()({
      method: 'post',
      path: '/api/v1/auth/logout',
      summary: 'End the current session',
      tags: ['auth'],
      auth: auth.public,
      responses: { 204: empty('Logged out; the session cookie is cleared') },
      handler: async ({ req, res }) => {
        await service.logout(readCookie(req, SESSION_COOKIE));
        clearSessionCookie(res, config);
        return undefined;
      },
    }),
    defineRoute()({
      method: 'get',
      path: '/api/v1/auth/me',
      summary:
        'The logged-in account, its community memberships and the region node it supervises, if any',
      tags: ['auth'],
      auth: auth.account,
      responses: { 200: json(me) },
      handler: async ({ actor }) => {
        const [answer, region] = await Promise.all([service.me(actor), supervises(actor)]);
        return region ? { ...answer, supervises: region } : answer;
      },
    }),
    defineRoute<{
      body: { invitationCode: string; username: string; displayName: string; password: string };
    }>()({
      method: 'post',
      path: '/api/v1/auth/register',
      summary: "Resident self-registration with a community's invitation code",
      tags: ['auth'],
      auth: auth.public,
      responses: {
        201: json(registered, 'Registered and logged in'),
        400: failure(
          'Invitation invalid, expired or used up (`invalid_invitation`), or a weak password (`weak_password`)',
        ),
        409: failure('Username taken (`username_taken`); said only to the holder of a valid code'),
      },
      busy: true,
      body: obj(
        {
          invitationCode: s.str(64, 4),
          username: s.username,
          displayName: s.str(40),
          password: s.password,
        },
        ['invitationCode', 'username', 'displayName', 'password'],
      ),
      handler: async ({ body, res }) => {
        const { token, expiresAt, account, communityId } = await join.register(body);
        setSessionCookie(res, config, token, expiresAt);
        return { account, communityId };
      },
    }),
    defineRoute<{ body: { invitationCode: string } }>()({
      method: 'post',
      path: '/api/v1/me/memberships',
      summary:
        "Join a community by accepting its invitation code (signed in; an existing account's only way in)",
      tags: ['auth'],
      auth: auth.account,
      responses: {
        201: json(membership, 'Joined'),
        400: failure('Invitation invalid, expired or used up (`invalid_invitation`)'),
        409: failure('Already a member there (`already_member`)'),
      },
      busy: true,
      body: obj({ invitationCode: s.str(64, 4) }, ['invitationCode']),
      handler: ({ actor, body }) => join.join(actor, body.invitationCode),
    }),
    defineRoute<{ body: { currentPassword: string; newPassword: string } }>()({
      method: 'post',
      path: '/api/v1/auth/password',
      summary:
        'Change my password; ends my other sessions and revokes my API tokens, and renews the session cookie',
      tags: ['auth'],
      auth: auth.account,
      responses: {
        204: empty('Changed; the session cookie is renewed'),
        400: weakPassword,
        401: failure('The current password is wrong (`invalid_credentials`)'),
      },
      throttled: true,
      body: obj({ currentPassword: s.str(200), newPassword: s.password }, [
        'currentPassword',
        'newPassword',
      ]),
      handler: async ({ actor, body, req, res }) => {
        const { token, expiresAt } = await service.changePassword(
          actor,
          body,
          sourceAddress(req.ip),
        );
        setSessionCookie(res, config, token, expiresAt);
      },
    }),
    defineRoute()({
      method: 'get',
      path: '/api/v1/auth/tokens',
      summary: 'My API tokens (never their values)',
      tags: ['auth'],
      auth: auth.platform('vendor', 'admin'),
      responses: { 200: json(itemsOf(apiToken)) },
      handler: async ({ actor }) => ({ items: await tokens.list(actor) }),
    }),
    defineRoute<{ body: { name: string; scopes: TokenScope[]; expiresInDays?: number } }>()({
      method: 'post',
      path: '/api/v1/auth/tokens',
      summary: `Create an API token for the CLI with scopes (${TOKEN_SCOPES.join(', ')}); it expires (90 days unless asked, at most ${MAX_TOKEN_DAYS}); its value is shown only in this answer. Needs a signed-in session: a token cannot mint tokens`,
      tags: ['auth'],
      auth: auth.platform('vendor', 'admin'),
      responses: { 201: json(newApiToken, 'The token, with its value shown this once') },
      body: obj(
        {
          name: s.str(60),
          scopes: { ...tokenScopes, minItems: 1 },
          expiresInDays: { type: 'integer', minimum: 1, maximum: MAX_TOKEN_DAYS },
        },
        ['name', 'scopes'],
      ),
      handler: ({ actor, body }) => tokens.create(actor, body),
    }),
    defineRoute<{ params: { tokenId: string } }>()({
      method: 'delete',
      path: '/api/v1/auth/tokens/:tokenId',
      summary: 'Revoke one of my API tokens',
      tags: ['auth'],
      auth: auth.platform('vendor', 'admin'),
      responses: { 204: empty('Revoked'), 404: failure('No such live token') },
      params: obj({ tokenId: s.id }, ['tokenId']),
      handler: async ({ actor, params }) => {
        await tokens.revoke(actor, params.tokenId);
      },
    }),
    defineRoute<{ query: { q?: string; limit: number } }>()({
      method: 'get',
      path: '/api/v1/accounts',
      summary: 'List accounts (by username prefix)',
      tags: ['accounts'],
      auth: auth.platform('admin'),
      responses: { 200: json(itemsOf(account)) },
      query: obj({ q: s.str(32), limit: s.limit(200, 50) }),
      handler: async ({ query }) => ({ items: await service.listAccounts(query) }),
    }),
    defineRoute<{
      body: {
        username: string;
        displayName: string;
        password: string;
        platformRoles?: PlatformAccountRole[];
        vendorId?: string;
      };
    }>()({
      method: 'post',
      path: '/api/v1/accounts',
      summary: 'Create an account (admins, vendors, or people to add to a community)',
      tags: ['accounts'],
      auth: auth.platform('admin'),
      responses: {
        201: json(account, 'Created'),
        400: failure(
          'A vendor needs a vendorId (`vendor_id_required`), or a weak password (`weak_password`)',
        ),
        409: failure('Username taken (`username_taken`)'),
      },
      body: obj(
        {
          username: s.username,
          displayName: s.str(40),
          password: s.password,
          platformRoles,
          vendorId,
        },
        ['username', 'displayName', 'password'],
      ),
      handler: ({ body, actor }) => service.createAccount(body, actor),
    }),
    defineRoute<{
      params: { accountId: string };
      body: {
        displayName?: string;
        password?: string;
        platformRoles?: PlatformAccountRole[];
        vendorId?: string;
        disabled?: boolean;
      };
    }>()({
      method: 'patch',
      path: '/api/v1/accounts/:accountId',
      summary:
        'Change, disable or reset the password of an account (a reset or disabling ends its sessions and revokes its API tokens)',
      tags: ['accounts'],
      auth: auth.platform('admin'),
      responses: {
        200: json(account),
        400: failure(
          'A vendor needs a vendorId (`vendor_id_required`), or a weak password (`weak_password`)',
        ),
        404: failure('No such account'),
        409: failure('You cannot disable yourself or drop your own admin role'),
      },
      params: obj({ accountId: s.id }, ['accountId']),
      body: {
        ...obj({
          displayName: s.str(40),
          password: s.password,
          platformRoles,
          vendorId,
          disabled: { type: 'boolean' },
        }),
        minProperties: 1,
      },
      handler: ({ params, body, actor }) => service.updateAccount(params.accountId, body, actor),
    }),
  ];
}

import type { MemberAttributes } from '@scene/schema';
import { Schema, type Connection } from 'mongoose';
import { modelOn, schemaOptions } from '../../db/model-on';

export type PlatformAccountRole = 'admin' | 'vendor';
export type MembershipRole = 'operator' | 'staff' | 'resident';

export interface AccountDoc {
  _id: string;
  /** Lowercase login name; unique. */
  username: string;
  displayName: string;
  /** `scrypt$<log2N>$<r>$<p>$<salt b64>$<key b64>` */
  passwordHash: string;
  platformRoles: PlatformAccountRole[];
  vendorId?: string;
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface MembershipDoc {
  /** `membershipId(communityId, accountId)`: a request finds its caller's membership by `_id`. */
  _id: string;
  communityId: string;
  accountId: string;
  role: MembershipRole;
  /** Plugin roles granted here, written `plugin:<pluginId>/<roleId>`. */
  pluginRoles: string[];
  /** What the operator recorded of the member (age band, building…), for eligibility rules. */
  attributes?: MemberAttributes;
  createdAt: Date;
  updatedAt: Date;
}

export interface SessionDoc {
  /** SHA-256 of the cookie value (the value itself is never stored), so a request reads by `_id`. */
  _id: string;
  accountId: string;
  createdAt: Date;
  expiresAt: Date;
}

/** What an API token may do; see tokens.ts. */
export type TokenScope = 'read' | 'plugins:publish';
export const TOKEN_SCOPES: readonly TokenScope[] = ['read', 'plugins:publish'];

export interface ApiTokenDoc {
  /** SHA-256 of the token (the value itself is never stored), so a request reads by `_id`. */
  _id: string;
  /** The id its owner sees and revokes it by (the hash is never shown). */
  ref: string;
  accountId: string;
  name: string;
  scopes: TokenScope[];
  /** The first characters of the token, so its owner can tell tokens apart. */
  prefix: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt?: Date;
  revokedAt?: Date;
}

/** One login attempt (recorded before the password is checked; see throttle.ts). */
export interface LoginAttemptDoc {
  _id: string;
  username: string;
  /** The source address as the throttle counts it (an IPv6 /64). */
  address: string;
  at: Date;
}

const id = { type: String, required: true };

const accountSchema = new Schema<AccountDoc>(
  {
    _id: id,
    username: { type: String, required: true, unique: true },
    displayName: { type: String, required: true },
    passwordHash: { type: String, required: true },
    platformRoles: { type: [String], default: [] },
    vendorId: String,
    disabled: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  schemaOptions,
);

/**
 * A membership's `_id`, derived from what it joins, so the per-request lookup (caller, member
 * update and removal) reads by `_id`: the local database pushes down no other filter and would
 * decode every membership of every community. Community ids are slugs and account ids hex, so
 * neither holds a `:`. The `_id` also makes one membership per person and community unique.
 */
export function membershipId(communityId: string, accountId: string): string {
  return `${communityId}:${accountId}`;
}

const membershipSchema = new Schema<MembershipDoc>(
  {
    _id: id,
    communityId: { type: String, required: true },
    accountId: { type: String, required: true },
    role: { type: String, required: true },
    pluginRoles: { type: [String], default: [] },
    attributes: { type: Schema.Types.Mixed },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  schemaOptions,
);
// A membership under any other `_id` would never be found: refused on create.
membershipSchema.pre('validate', function () {
  if (this._id !== membershipId(this.communityId, this.accountId))
    throw new Error('A membership is keyed by membershipId(communityId, accountId).');
});
// Not unique: the `_id` is. Under its own name, as the retired unique index had this key.
membershipSchema.index({ communityId: 1, accountId: 1 }, { name: 'community_accounts' });
membershipSchema.index({ accountId: 1 });

const sessionSchema = new Schema<SessionDoc>(
  {
    _id: id,
    accountId: { type: String, required: true, index: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  schemaOptions,
);

const apiTokenSchema = new Schema<ApiTokenDoc>(
  {
    _id: id,
    ref: { type: String, required: true },
    accountId: { type: String, required: true, index: true },
    name: { type: String, required: true },
    scopes: { type: [String], default: [] },
    prefix: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    lastUsedAt: Date,
    revokedAt: Date,
  },
  schemaOptions,
);

const attemptSchema = new Schema<LoginAttemptDoc>(
  {
    _id: id,
    username: { type: String, required: true },
    address: { type: String, required: true },
    at: { type: Date, required: true },
  },
  schemaOptions,
);
attemptSchema.index({ username: 1, address: 1, at: -1 });
attemptSchema.index({ address: 1, at: -1 });

export function authModels(connection: Connection) {
  return {
    Account: modelOn(connection, 'Account', accountSchema),
    Membership: modelOn(connection, 'Membership', membershipSchema),
    Session: modelOn(connection, 'Session', sessionSchema),
    ApiToken: modelOn(connection, 'ApiToken', apiTokenSchema),
    LoginAttempt: modelOn(connection, 'LoginAttempt', attemptSchema),
  };
}
export type AuthModels = ReturnType<typeof authModels>;

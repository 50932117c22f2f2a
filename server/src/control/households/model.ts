import type { FamilyGrant, FamilyRelation } from '@scene/schema';
import { Schema, type Connection } from 'mongoose';
import { modelOn, schemaOptions } from '../../db/model-on';

/**
 * A family link between two members of a community. `a` made it (invited, or was named first by
 * the operator), `b` accepted it; `relation` is what `b` is to `a`. What each allows the other
 * lives in `FamilyGrant` documents, not here, so a check is one lookup by `_id`.
 */
export interface FamilyLinkDoc {
  _id: string;
  communityId: string;
  a: string;
  b: string;
  relation: FamilyRelation;
  status: 'active' | 'revoked';
  /** How both people consented: `b` accepted `a`'s code, or the operator holds a signed paper form. */
  consent:
    | { kind: 'accepted'; by: string; at: Date }
    | { kind: 'paper'; note: string; recordedBy: string; at: Date };
  createdAt: Date;
  revokedAt?: Date;
  revokedBy?: string;
}

/** A pending invitation, keyed by the SHA-256 of its one-time code (the code is never stored). */
export interface FamilyInviteDoc {
  _id: string;
  communityId: string;
  inviter: string;
  relation: FamilyRelation;
  /** What the inviter allows the person who accepts. */
  grant: FamilyGrant;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * What `grantor` allows `grantee` on a live link: `_id` = `<communityId>|<grantor>|<grantee>`, so
 * "may X act for Y?" is one read by `_id` (fast on FerretDB too). Deleted before a link is marked
 * revoked, so a grant that exists belongs to a live link.
 */
export interface FamilyGrantDoc extends FamilyGrant {
  _id: string;
  communityId: string;
  grantor: string;
  grantee: string;
  linkId: string;
  updatedAt: Date;
}

/** A claim (db/claims.ts): `_id` = one code used, or one live link per pair of people. */
export interface FamilyClaimDoc {
  _id: string;
  linkId?: string;
  at: Date;
}

const id = { type: String, required: true };
const grant = { act: { type: Boolean, required: true }, notify: { type: Boolean, required: true } };

const linkSchema = new Schema<FamilyLinkDoc>(
  {
    _id: id,
    communityId: id,
    a: id,
    b: id,
    relation: id,
    status: id,
    consent: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    revokedAt: Date,
    revokedBy: String,
  },
  schemaOptions,
);
linkSchema.index({ communityId: 1, a: 1 });
linkSchema.index({ communityId: 1, b: 1 });

const inviteSchema = new Schema<FamilyInviteDoc>(
  {
    _id: id,
    communityId: id,
    inviter: id,
    relation: id,
    grant,
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  schemaOptions,
);
inviteSchema.index({ communityId: 1, inviter: 1 });

const grantSchema = new Schema<FamilyGrantDoc>(
  {
    _id: id,
    communityId: id,
    grantor: id,
    grantee: id,
    linkId: id,
    ...grant,
    updatedAt: { type: Date, required: true },
  },
  schemaOptions,
);
grantSchema.index({ communityId: 1, grantee: 1 });
grantSchema.index({ communityId: 1, grantor: 1 });

const claimSchema = new Schema<FamilyClaimDoc>(
  { _id: id, linkId: String, at: { type: Date, required: true } },
  schemaOptions,
);

export const householdModels = (connection: Connection) => ({
  FamilyLink: modelOn(connection, 'FamilyLink', linkSchema),
  FamilyInvite: modelOn(connection, 'FamilyInvite', inviteSchema),
  FamilyGrant: modelOn(connection, 'FamilyGrant', grantSchema),
  FamilyClaim: modelOn(connection, 'FamilyClaim', claimSchema),
});
export type HouseholdModels = ReturnType<typeof householdModels>;

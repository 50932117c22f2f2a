import type { Theme } from '@scene/schema';
import { Schema, type Connection } from 'mongoose';
import { modelOn, schemaOptions } from '../../db/model-on';

export type CommunityType = 'new-build' | 'renovation';

/** The theme a new portal draft of the community starts from. */
export type ThemeDefaults = Pick<Theme, 'primaryColor' | 'accentColor' | 'fontScale' | 'culture'>;

export interface CommunityDoc {
  /** Readable slug, also the resident portal URL segment: `/c/<id>/`. */
  _id: string;
  name: string;
  city: string;
  district: string;
  /** 新建 new-build | 旧改 renovation */
  type: CommunityType;
  enabledScenes: string[];
  theme: ThemeDefaults;
  /** IANA time zone of the community (absent on communities made before it existed: the default). */
  timeZone?: string;
  status: 'active' | 'archived';
  /** The live portal version (null until the first publish). Moved by publish and rollback. */
  publishedVersion: number | null;
  publishedAt?: Date;
  /** Highest version number ever made live by a publish; a publish never moves the pointer below it. */
  highestPublished: number;
  /**
   * The highest draft revision saved (absent on communities whose draft predates it). A hint
   * that never runs ahead: saves set it after inserting the revision, and readers look one
   * revision past it, so finding the draft reads by `_id` instead of scanning revisions.
   */
  draftRev?: number;
  /**
   * A fresh random tag written by every change that alters the runtime bundle (publish,
   * rollback, installation changes, archive). A random `$set` rather than an `$inc`: on FerretDB
   * v1 two racing `$inc`s can leave the same value, two racing fresh tags never can.
   */
  runtimeTag: string;
  createdAt: Date;
  updatedAt: Date;
}

export type InvitationRole = 'resident' | 'staff';

export interface InvitationDoc {
  _id: string;
  communityId: string;
  /** SHA-256 of the normalised code; the code is shown once, when created. */
  codeHash: string;
  /** The role a person joins with (absent on codes made before staff invitations: resident). */
  role?: InvitationRole;
  /** Plugin-role grants (`plugin:<pluginId>/<roleId>`) a staff code brings. */
  pluginRoles?: string[];
  label?: string;
  /** Uses are claim documents (`InvitationUse`), never a counter: see db/claims.ts. */
  maxUses: number;
  expiresAt: Date;
  revokedAt?: Date;
  createdBy: string;
  createdAt: Date;
}

const communitySchema = new Schema<CommunityDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    city: { type: String, required: true },
    district: { type: String, required: true },
    type: { type: String, required: true },
    enabledScenes: { type: [String], default: [] },
    theme: { type: Schema.Types.Mixed, required: true },
    timeZone: String,
    status: { type: String, required: true, default: 'active' },
    publishedVersion: { type: Number, default: null },
    publishedAt: Date,
    highestPublished: { type: Number, default: 0 },
    draftRev: Number,
    runtimeTag: { type: String, default: '' },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  schemaOptions,
);

const invitationSchema = new Schema<InvitationDoc>(
  {
    _id: { type: String, required: true },
    communityId: { type: String, required: true, index: true },
    codeHash: { type: String, required: true, unique: true },
    role: { type: String, default: 'resident' },
    pluginRoles: { type: [String], default: [] },
    label: String,
    maxUses: { type: Number, required: true },
    expiresAt: { type: Date, required: true },
    revokedAt: Date,
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  schemaOptions,
);

/** One claim document per use of an invitation: `_id` = `<invitationId>:<slot>`. */
export interface InvitationUseDoc {
  _id: string;
  owner: string;
  slot: number;
  at: Date;
}

export const slotSchema = new Schema<InvitationUseDoc>(
  {
    _id: { type: String, required: true },
    owner: { type: String, required: true, index: true },
    slot: { type: Number, required: true },
    at: { type: Date, required: true },
  },
  schemaOptions,
);

export const communityModels = (connection: Connection) => ({
  Community: modelOn(connection, 'Community', communitySchema),
  Invitation: modelOn(connection, 'Invitation', invitationSchema),
  InvitationUse: modelOn(connection, 'InvitationUse', slotSchema),
});
export type CommunityModels = ReturnType<typeof communityModels>;

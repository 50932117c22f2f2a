import { Schema, type Connection } from 'mongoose';
import { modelOn, schemaOptions } from '../../db/model-on';

export type ReviewStatus = 'pending' | 'approved' | 'rejected';

/**
 * One published plugin version; immutable except for its review status. The manifest is stored
 * as JSON text (manifests hold `$ref`/`$defs` keys, which MongoDB field names may not start
 * with), keys in the order the vendor wrote them.
 */
export interface PluginVersionDoc {
  /** `<pluginId>@<version>` */
  _id: string;
  pluginId: string;
  version: string;
  /** Numeric parts for sorting newest first. */
  major: number;
  minor: number;
  patch: number;
  prerelease: boolean;
  vendorId: string;
  /** The vendor's name as its manifest gives it (absent on versions stored before it was kept). */
  vendorName?: Record<string, string>;
  scene: string;
  tier: 'standard' | 'optional';
  name: Record<string, string>;
  /** Lowercase id + names + description, for text search (no text indexes on FerretDB). */
  searchText: string;
  enginesPlatform: string;
  permissions: string[];
  manifestJson: string;
  /** SHA-256 (hex) of the manifest's canonical JSON (keys sorted at every level). */
  checksum: string;
  status: ReviewStatus;
  review?: { by: string; at: Date; reason?: string };
  /** The breaking-change report against the previous version, if any. */
  upgrade?: { from: string; breaking: boolean; requiredBump: string };
  publishedBy: string;
  publishedAt: Date;
}

/** The one decision about a version: inserted once (unique `_id`), so two reviewers cannot both decide. */
export interface PluginReviewDoc {
  _id: string;
  decision: 'approve' | 'reject';
  reason?: string;
  by: string;
  at: Date;
}

/**
 * The example config and records a version's previews use, published with the version and as
 * immutable: inserted once under the version's `_id`. Stored as canonical JSON text, as the
 * manifest is, since records may hold keys MongoDB field names may not.
 */
export interface PluginFixturesDoc {
  /** `<pluginId>@<version>` */
  _id: string;
  fixturesJson: string;
  /** SHA-256 (hex) of `fixturesJson`. */
  checksum: string;
  publishedBy: string;
  publishedAt: Date;
}

const versionSchema = new Schema<PluginVersionDoc>(
  {
    _id: { type: String, required: true },
    pluginId: { type: String, required: true },
    version: { type: String, required: true },
    major: { type: Number, required: true },
    minor: { type: Number, required: true },
    patch: { type: Number, required: true },
    prerelease: { type: Boolean, required: true },
    vendorId: { type: String, required: true },
    vendorName: { type: Schema.Types.Mixed },
    scene: { type: String, required: true },
    tier: { type: String, required: true },
    name: { type: Schema.Types.Mixed, required: true },
    searchText: { type: String, required: true },
    enginesPlatform: { type: String, required: true },
    permissions: { type: [String], default: [] },
    manifestJson: { type: String, required: true },
    checksum: { type: String, required: true },
    status: { type: String, required: true },
    review: { type: Schema.Types.Mixed },
    upgrade: { type: Schema.Types.Mixed },
    publishedBy: { type: String, required: true },
    publishedAt: { type: Date, required: true },
  },
  schemaOptions,
);
versionSchema.index({ pluginId: 1, major: -1, minor: -1, patch: -1 });
versionSchema.index({ status: 1, publishedAt: 1 });
versionSchema.index({ vendorId: 1 });

const reviewSchema = new Schema<PluginReviewDoc>(
  {
    _id: { type: String, required: true },
    decision: { type: String, required: true },
    reason: String,
    by: { type: String, required: true },
    at: { type: Date, required: true },
  },
  schemaOptions,
);

const fixturesSchema = new Schema<PluginFixturesDoc>(
  {
    _id: { type: String, required: true },
    fixturesJson: { type: String, required: true },
    checksum: { type: String, required: true },
    publishedBy: { type: String, required: true },
    publishedAt: { type: Date, required: true },
  },
  schemaOptions,
);

export const registryModels = (connection: Connection) => ({
  PluginVersion: modelOn(connection, 'PluginVersion', versionSchema),
  PluginReview: modelOn(connection, 'PluginReview', reviewSchema),
  PluginFixtures: modelOn(connection, 'PluginFixtures', fixturesSchema),
});
export type RegistryModels = ReturnType<typeof registryModels>;

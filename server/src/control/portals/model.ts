import { Schema, type Connection } from 'mongoose';
import { modelOn, schemaOptions } from '../../db/model-on';

/**
 * One saved state of a community's portal draft. Saving inserts revision `rev + 1`: the unique
 * `_id` (`<communityId>:<rev>`) is the optimistic-concurrency check, atomic on FerretDB and
 * MongoDB alike. The draft is the highest revision; old ones are pruned.
 */
export interface DraftRevisionDoc {
  _id: string;
  communityId: string;
  rev: number;
  portalJson: string;
  savedBy: string;
  savedAt: Date;
}

/** An immutable published portal; `number` is consecutive per community. */
export interface PortalVersionDoc {
  _id: string;
  communityId: string;
  number: number;
  portalJson: string;
  checksum: string;
  /** The draft revision it was published from. */
  draftRev: number;
  /** Plugin versions installed when it was published (for the record). */
  plugins: { pluginId: string; version: string }[];
  warnings: number;
  note?: string;
  publishedBy: string;
  publishedAt: Date;
}

const draftSchema = new Schema<DraftRevisionDoc>(
  {
    _id: { type: String, required: true },
    communityId: { type: String, required: true },
    rev: { type: Number, required: true },
    portalJson: { type: String, required: true },
    savedBy: { type: String, required: true },
    savedAt: { type: Date, required: true },
  },
  schemaOptions,
);
draftSchema.index({ communityId: 1, rev: -1 }, { unique: true });

const versionSchema = new Schema<PortalVersionDoc>(
  {
    _id: { type: String, required: true },
    communityId: { type: String, required: true },
    number: { type: Number, required: true },
    portalJson: { type: String, required: true },
    checksum: { type: String, required: true },
    draftRev: { type: Number, required: true },
    plugins: { type: [{ _id: false, pluginId: String, version: String }], default: [] },
    warnings: { type: Number, default: 0 },
    note: String,
    publishedBy: { type: String, required: true },
    publishedAt: { type: Date, required: true },
  },
  schemaOptions,
);
versionSchema.index({ communityId: 1, number: -1 }, { unique: true });

export const portalModels = (connection: Connection) => ({
  DraftRevision: modelOn(connection, 'PortalDraftRevision', draftSchema),
  PortalVersion: modelOn(connection, 'PortalVersion', versionSchema),
});
export type PortalModels = ReturnType<typeof portalModels>;

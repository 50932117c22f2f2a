import { Schema, type Connection } from 'mongoose';
import { modelOn, schemaOptions } from '../../db/model-on';

/** The levels of the region tree, top down; a community hangs under a `street`. */
export const REGION_LEVELS = ['province', 'city', 'district', 'street'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export interface RegionDoc {
  /** Readable slug chosen by the admin (`zj`, `zj-hz-xh`). */
  _id: string;
  name: string;
  level: RegionLevel;
  parentId: string | null;
  /**
   * Ids from the root down to this node, itself included. "Everything under X" is then one
   * equality match on an array (`{ path: X }`), which needs no index beyond a collection scan of
   * a few thousand small documents.
   */
  path: string[];
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Where a community sits in the tree: `_id` is the community id, so a community has one place by
 * construction (a move overwrites it). Kept apart from the community document so the control
 * plane's community module stays ignorant of supervision.
 */
export interface PlacementDoc {
  _id: string;
  streetId: string;
  /** The street's path: every node the community counts under. */
  path: string[];
  updatedAt: Date;
}

/** A supervisor account's scope: `_id` is the account, so one account supervises one node. */
export interface SupervisorDoc {
  _id: string;
  regionId: string;
  createdAt: Date;
}

const regionSchema = new Schema<RegionDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    level: { type: String, required: true },
    parentId: { type: String, default: null },
    path: { type: [String], required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  schemaOptions,
);

const placementSchema = new Schema<PlacementDoc>(
  {
    _id: { type: String, required: true },
    streetId: { type: String, required: true },
    path: { type: [String], required: true },
    updatedAt: { type: Date, required: true },
  },
  schemaOptions,
);

const supervisorSchema = new Schema<SupervisorDoc>(
  {
    _id: { type: String, required: true },
    regionId: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  schemaOptions,
);

export const regionModels = (connection: Connection) => ({
  Region: modelOn(connection, 'Region', regionSchema),
  RegionPlacement: modelOn(connection, 'RegionPlacement', placementSchema),
  Supervisor: modelOn(connection, 'Supervisor', supervisorSchema),
});
export type RegionModels = ReturnType<typeof regionModels>;

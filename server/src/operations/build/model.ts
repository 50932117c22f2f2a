import { Schema, type Connection } from 'mongoose';
import { modelOn, schemaOptions } from '../../db/model-on';

/** A community's build stages, in order: 规划 → 建设 → 验收 → 运营. */
export const BUILD_STAGES = ['planning', 'building', 'acceptance', 'operating'] as const;
export type BuildStage = (typeof BUILD_STAGES)[number];

export interface Milestone {
  /** Stable within the community (`design-approved`), so a row keeps its identity across edits. */
  key: string;
  name: string;
  /** Local calendar days of the community, `YYYY-MM-DD`. */
  planned: string;
  done: string | null;
}

/** `_id` is the community id: one plan per community by construction, a save overwrites it. */
export interface BuildPlanDoc {
  _id: string;
  stage: BuildStage;
  milestones: Milestone[];
  updatedAt: Date;
  updatedBy: string;
}

const milestoneSchema = new Schema<Milestone>(
  {
    key: { type: String, required: true },
    name: { type: String, required: true },
    planned: { type: String, required: true },
    done: { type: String, default: null },
  },
  { _id: false, ...schemaOptions },
);

const buildPlanSchema = new Schema<BuildPlanDoc>(
  {
    _id: { type: String, required: true },
    stage: { type: String, required: true },
    milestones: { type: [milestoneSchema], default: [] },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  schemaOptions,
);

export const buildPlanModel = (connection: Connection) =>
  modelOn(connection, 'BuildPlan', buildPlanSchema);

import { Schema, type Connection } from 'mongoose';
import { modelOn, schemaOptions } from '../../db/model-on';

export type InstallationStatus = 'active' | 'disabled' | 'uninstalling';

export interface InstallationDoc {
  /** `<communityId>:<pluginId>`: one installation per plugin and community, enforced by the key. */
  _id: string;
  communityId: string;
  pluginId: string;
  version: string;
  status: InstallationStatus;
  /** A pinned installation is never upgraded until unpinned. */
  pinned: boolean;
  /** The operator's plugin configuration (JSON text; validated against the plugin's `config`). */
  configJson: string;
  /** Permission scopes the operator consented to. */
  grantedPermissions: string[];
  installedBy: string;
  installedAt: Date;
  updatedAt: Date;
  /** Whether the installed version declares schedules (the schedule runner reads only these). */
  hasSchedules?: boolean;
  /** The operator's switch per schedule id, and when it was set; absent = `enabledByDefault`. */
  schedules?: Record<string, { on: boolean; at: Date }>;
}

const installationSchema = new Schema<InstallationDoc>(
  {
    _id: { type: String, required: true },
    communityId: { type: String, required: true, index: true },
    pluginId: { type: String, required: true },
    version: { type: String, required: true },
    status: { type: String, required: true },
    pinned: { type: Boolean, default: false },
    configJson: { type: String, required: true },
    grantedPermissions: { type: [String], default: [] },
    installedBy: { type: String, required: true },
    installedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    hasSchedules: Boolean,
    schedules: { type: Schema.Types.Mixed },
  },
  schemaOptions,
);
installationSchema.index({ hasSchedules: 1, status: 1 });

export const installationModels = (connection: Connection) => ({
  Installation: modelOn(connection, 'Installation', installationSchema),
});
export type InstallationModels = ReturnType<typeof installationModels>;

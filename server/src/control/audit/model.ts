import { Schema, type Connection } from 'mongoose';
import { modelOn, schemaOptions } from '../../db/model-on';

/**
 * One entry of the append-only audit log. Nothing here is personal data in plain text: the
 * actor is an account id and the summaries hold ids, versions, statuses and field names, never
 * names, phone numbers or free text a person typed about themselves.
 */
export interface AuditDoc {
  _id: string;
  at: Date;
  /** Account id, or `system` for seeds and automatic installs. */
  actorId: string;
  actorRoles: string[];
  /** Stable dotted verb, e.g. `portal.publish`, `plugin.review`. */
  action: string;
  targetType: string;
  targetId: string;
  communityId?: string;
  /** Small non-personal summary: `{ before: {...}, after: {...} }` or other facts. */
  summary?: Record<string, unknown>;
}

const auditSchema = new Schema<AuditDoc>(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    actorId: { type: String, required: true },
    actorRoles: { type: [String], default: [] },
    action: { type: String, required: true },
    targetType: { type: String, required: true },
    targetId: { type: String, required: true },
    communityId: String,
    summary: Schema.Types.Mixed,
  },
  schemaOptions,
);
auditSchema.index({ communityId: 1, at: -1 });
auditSchema.index({ at: -1 });

export const auditModels = (connection: Connection) => ({
  AuditEntry: modelOn(connection, 'AuditEntry', auditSchema),
});
export type AuditModels = ReturnType<typeof auditModels>;
